"""torchvision 0.14 throughput of the augmentations ../shared/bench/torchvision_augment.py does not run: RandomErasing,
RandomAffine and GaussianBlur, and "all10", that script's seven-step "all" followed by these three; then RandomPosterize,
RandomSolarize, RandomEqualize, RandomAutocontrast, RandomAdjustSharpness, RandomInvert, RandomGrayscale, RandomPerspective
(p=1) and ElasticTransform; and the policies RandAugment, TrivialAugmentWide, AutoAugment (ImageNet) and AugMix with
their defaults. The same conventions as that script: one image at a time, uint8 CHW tensors, images per second as JSON
lines. --transforms times only the named ones (default: all).
Usage: torchvision_augment_more.py [--n 2000] [--size 28|32|224] [--channels 1|3] [--threads 1] [--transforms randaugment,augmix]"""
import argparse, json, time, torch
import torchvision.transforms as T

p = argparse.ArgumentParser(description=__doc__)
p.add_argument("--n", type=int, default=2000)
p.add_argument("--size", type=int, default=32)
p.add_argument("--channels", type=int, default=3)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--transforms", default="")
a = p.parse_args()
torch.manual_seed(0); torch.set_num_threads(a.threads)
images = torch.randint(0, 256, (a.n, a.channels, a.size, a.size), dtype=torch.uint8)

def gaussian_noise(x, sigma=0.1):  # as in ../shared/bench/torchvision_augment.py
    y = x.float() / 255 + sigma * torch.randn(x.shape)
    return (y.clamp(0, 1) * 255).to(torch.uint8)

color = a.channels == 3
seven = [T.RandomRotation(15), T.RandomHorizontalFlip(1.0), T.RandomVerticalFlip(1.0),
         T.RandomCrop(a.size, padding=a.size // 8), T.RandomResizedCrop(a.size, scale=(0.6, 1.0), antialias=True),
         gaussian_noise, T.ColorJitter(0.4, 0.4, 0.4 if color else 0, 0.1 if color else 0)]
transforms = {
    "erasing": T.RandomErasing(p=1.0, scale=(0.02, 0.33), ratio=(0.3, 3.3), value=0),
    "affine": T.RandomAffine(15, translate=(0.1, 0.1), scale=(0.9, 1.1), shear=10, interpolation=T.InterpolationMode.BILINEAR),
    "blur": T.GaussianBlur(5, sigma=(0.1, 2.0)),
}
transforms["all10"] = T.Compose(seven + list(transforms.values()))
transforms.update({
    "posterize": T.RandomPosterize(4, p=1.0),
    "solarize": T.RandomSolarize(128, p=1.0),
    "equalize": T.RandomEqualize(p=1.0),
    "autocontrast": T.RandomAutocontrast(p=1.0),
    "sharpness": T.RandomAdjustSharpness(2, p=1.0),
    "invert": T.RandomInvert(p=1.0),
    "grayscale": T.RandomGrayscale(p=1.0),
    "perspective": T.RandomPerspective(0.5, p=1.0),
    "elastic": T.ElasticTransform(50.0, 5.0),
    "randaugment": T.RandAugment(),
    "trivialaugmentwide": T.TrivialAugmentWide(),
    "autoaugment": T.AutoAugment(),
    "augmix": T.AugMix(),
})
wanted = set(a.transforms.split(",")) if a.transforms else set(transforms)
for name, t in transforms.items():
    if name not in wanted:
        continue
    t(images[0])
    start = time.perf_counter()
    for i in range(a.n):
        t(images[i])
    s = time.perf_counter() - start
    print(json.dumps({"peer": "torchvision", "transform": name, "size": a.size, "channels": a.channels,
                      "images": a.n, "images_per_s": round(a.n / s, 1)}))
