#!/usr/bin/env python3
"""Generates reference.json.gz: torchvision outputs for fixed parameters, used by TorchvisionReferenceTests.cs.

Run once, from anywhere, with the system Python that has torch and torchvision (Debian 12: python3-torch,
python3-torchvision 0.14):

    /usr/bin/python3 tests/MLNet.Regularization.ImageAugmentation.Tests/Reference/generate_references.py

The output is a gzip-compressed JSON document written next to this script (read it with `zcat`):

    {
      "generator": "generate_references.py",
      "torch": "<torch.__version__>", "torchvision": "<torchvision.__version__>",
      "input": {"shape": [C, H, W], "data": "<base64 float32 little-endian, CHW>"},
      "cases": [{"name": ..., "op": ..., "params": {...}, "shape": [C, H, W], "data": "<base64>"}, ...]
    }

The input image is built from a fixed formula (no randomness, no external files), so re-running the script
reproduces the same file (gzip timestamp fixed to 0) with the same torch/torchvision versions.
"""

import base64
import gzip
import io
import json
import math
import os

import numpy as np
import torch
import torchvision
import torchvision.transforms.functional as F
from torchvision.transforms import InterpolationMode
from torchvision.transforms import autoaugment as AA

C, H, W = 3, 24, 32


def make_image() -> torch.Tensor:
    """A deterministic 3x24x32 RGB image in [0, 1]: smooth gradients plus sharp edges and rectangles."""
    img = np.zeros((C, H, W), dtype=np.float64)
    for y in range(H):
        for x in range(W):
            u = x / (W - 1)
            v = y / (H - 1)
            r = 0.15 + 0.7 * u
            g = 0.2 + 0.6 * v
            b = 0.5 + 0.35 * math.sin(2.0 * math.pi * (u + 0.5 * v))
            # A bright rectangle with sharp edges.
            if 5 <= y < 13 and 8 <= x < 20:
                r, g, b = 0.95, 0.9, 0.1
            # A dark rectangle touching the right border.
            if 15 <= y < 22 and 24 <= x < W:
                r, g, b = 0.05, 0.1, 0.3
            # A diagonal edge in the bottom-left corner.
            if x + 2 * y > 44 and x < 12:
                r, g, b = 0.6, 0.0, 0.8
            # A one-pixel-wide vertical line.
            if x == 27 and y < 12:
                r, g, b = 1.0, 1.0, 1.0
            img[:, y, x] = (r, g, b)
    return torch.from_numpy(np.clip(img, 0.0, 1.0).astype(np.float32))


def encode(t: torch.Tensor) -> dict:
    a = t.detach().contiguous().numpy().astype("<f4")
    assert a.ndim == 3
    return {"shape": list(a.shape), "data": base64.b64encode(a.tobytes()).decode("ascii")}


def perspective_sources(start, end):
    """The exact (float64) source pixel coordinates of every output pixel of F.perspective(img, start, end)."""
    a, b = [], []
    for (ex, ey), (sx, sy) in zip(end, start):
        a.append([ex, ey, 1, 0, 0, 0, -sx * ex, -sx * ey])
        a.append([0, 0, 0, ex, ey, 1, -sy * ex, -sy * ey])
        b += [sx, sy]
    k = np.linalg.solve(np.array(a, dtype=np.float64), np.array(b, dtype=np.float64))
    ys, xs = np.meshgrid(np.arange(H) + 0.5, np.arange(W) + 0.5, indexing="ij")
    d = k[6] * xs + k[7] * ys + 1
    return (k[0] * xs + k[1] * ys + k[2]) / d - 0.5, (k[3] * xs + k[4] * ys + k[5]) / d - 0.5


def assert_no_ties(sx, sy, margin=1e-4):
    """Nearest sampling rounds; no source coordinate may lie within margin of a halfway point between pixels."""
    for c in (np.asarray(sx, dtype=np.float64), np.asarray(sy, dtype=np.float64)):
        distance = np.abs(c - np.floor(c) - 0.5)
        assert distance.min() > margin, f"a source coordinate lies {distance.min():.2e} from a rounding tie"


def space_entry(space):
    """An _augmentation_space as a list in its order: name, signed, and the float32 magnitude of every bin (none if scalar)."""
    return [{"name": name, "signed": bool(signed),
             "magnitudes": [float(v) for v in magnitudes.to(torch.float32).tolist()] if magnitudes.ndim > 0 else []}
            for name, (magnitudes, signed) in space.items()]


def policy_tables() -> dict:
    """The augmentation spaces of the four policies (for several bin counts and image sizes) and AutoAugment's policies."""
    sizes = [(24, 32), (32, 32), (224, 224), (17, 45), (331, 500)]
    spaces = []
    for bins in (2, 5, 9, 10, 16, 17, 31, 32, 40, 64):
        for height, width in sizes:
            spaces.append({"policy": "RandAugment", "bins": bins, "height": height, "width": width,
                           "ops": space_entry(AA.RandAugment(num_magnitude_bins=bins)._augmentation_space(bins, (height, width)))})
        spaces.append({"policy": "TrivialAugmentWide", "bins": bins, "height": 0, "width": 0,
                       "ops": space_entry(AA.TrivialAugmentWide(num_magnitude_bins=bins)._augmentation_space(bins))})
    for height, width in sizes:
        spaces.append({"policy": "AutoAugment", "bins": 10, "height": height, "width": width,
                       "ops": space_entry(AA.AutoAugment()._augmentation_space(10, (height, width)))})
        for all_ops in (True, False):
            spaces.append({"policy": "AugMix" if all_ops else "AugMixBasic", "bins": 10, "height": height, "width": width,
                           "ops": space_entry(AA.AugMix(all_ops=all_ops)._augmentation_space(10, (height, width)))})
    policies = {}
    for policy in AA.AutoAugmentPolicy:
        policies[policy.name] = [[{"name": name, "p": p, "bin": -1 if bin is None else bin} for name, p, bin in sub]
                                 for sub in AA.AutoAugment(policy)._get_policies(policy)]
    return {"spaces": spaces, "autoaugment": policies}


def policy_cases(img, add) -> None:
    """One operation of each policy at a fixed bin and sign, through the policy's own table, applied by torchvision's
    _apply_op to the image quantized to 8-bit levels: on uint8 for Posterize, Solarize and Equalize (converted back to
    float), on the float levels for the others. Geometric operations sample nearest, or bilinear where named; the fill is
    torchvision's default None, or 0 where named (bilinear sampling then blends it at the borders)."""
    levels_u8 = F.convert_image_dtype(img, torch.uint8)
    levels = F.convert_image_dtype(levels_u8, torch.float32)
    add("policy_input_levels", "quantize", {}, levels)
    size = (H, W)
    spaces = {
        "randaugment": AA.RandAugment()._augmentation_space(31, size),
        "trivialaugmentwide": AA.TrivialAugmentWide()._augmentation_space(31),
        "autoaugment": AA.AutoAugment()._augmentation_space(10, size),
        "augmix": AA.AugMix()._augmentation_space(10, size),
    }

    def apply(policy, name, bin, negative, mode, fill=None):
        magnitudes, signed = spaces[policy][name]
        magnitude = float(magnitudes[bin].item()) if magnitudes.ndim > 0 else 0.0
        if signed and negative:
            magnitude *= -1.0
        interpolation = InterpolationMode.BILINEAR if mode == "bilinear" else InterpolationMode.NEAREST
        if name in ("Posterize", "Solarize", "Equalize"):
            out = F.convert_image_dtype(AA._apply_op(levels_u8, name, magnitude, interpolation, fill), torch.float32)
        else:
            out = AA._apply_op(levels, name, magnitude, interpolation, fill)
        index = list(spaces[policy].keys()).index(name)
        suffix = "" if fill is None else f"_fill{fill[0]}"
        add(f"{policy}_{name}_bin{bin}_{'neg' if negative else 'pos'}_{mode}{suffix}", "policy_op",
            {"policy": policy, "op": name, "index": index, "bin": bin, "negative": negative, "interpolation": mode,
             "fill": None if fill is None else fill[0], "magnitude": magnitude}, out)

    for name in spaces["randaugment"]:
        apply("randaugment", name, 9, True, "nearest")
    apply("randaugment", "ShearX", 30, False, "bilinear", [0.0])
    apply("randaugment", "Rotate", 30, False, "bilinear", [0.0])
    apply("randaugment", "Rotate", 30, True, "bilinear")
    apply("randaugment", "TranslateY", 30, False, "nearest", [0.5])
    for name, bin, negative in (("ShearY", 30, False), ("TranslateX", 30, True), ("Posterize", 30, False), ("Solarize", 20, False),
                                ("Brightness", 17, True), ("Color", 30, False), ("Contrast", 17, True), ("Sharpness", 30, False)):
        apply("trivialaugmentwide", name, bin, negative, "nearest")
    apply("trivialaugmentwide", "Rotate", 30, False, "bilinear", [0.25])
    for name, bin, negative in (("Invert", 0, False), ("ShearX", 5, False), ("TranslateY", 9, True), ("Posterize", 8, False),
                                ("Solarize", 5, False), ("Color", 8, True)):
        apply("autoaugment", name, bin, negative, "nearest")
    for name, bin, negative in (("ShearX", 2, True), ("TranslateX", 2, True), ("TranslateY", 2, False), ("Rotate", 2, False),
                                ("Posterize", 2, False), ("Solarize", 1, False), ("Sharpness", 2, True)):
        apply("augmix", name, bin, negative, "bilinear")


def main() -> None:
    img = make_image()
    bl = InterpolationMode.BILINEAR
    nn = InterpolationMode.NEAREST
    cases = []

    def add(name, op, params, out):
        assert out.dtype == torch.float32
        cases.append({"name": name, "op": op, "params": params, **encode(out)})

    add("rotate_30_nearest", "rotate", {"angle": 30.0, "interpolation": "nearest", "fill": 0.0},
        F.rotate(img, 30.0, interpolation=nn, fill=[0.0]))
    add("rotate_30_bilinear", "rotate", {"angle": 30.0, "interpolation": "bilinear", "fill": 0.0},
        F.rotate(img, 30.0, interpolation=bl, fill=[0.0]))
    add("rotate_-45_bilinear_fill_0.5", "rotate", {"angle": -45.0, "interpolation": "bilinear", "fill": 0.5},
        F.rotate(img, -45.0, interpolation=bl, fill=[0.5]))
    add("hflip", "hflip", {}, F.hflip(img))
    add("vflip", "vflip", {}, F.vflip(img))
    add("crop_3_5_10_12", "crop", {"top": 3, "left": 5, "height": 10, "width": 12},
        F.crop(img, 3, 5, 10, 12))
    # RandomCrop(size=(24, 32), padding=4, padding_mode="reflect") with the drawn offset (i, j) = (1, 7)
    # in the padded 32x40 image.
    padded = F.pad(img, [4], padding_mode="reflect")
    add("pad4_reflect_crop_1_7_24_32", "pad_crop",
        {"padding": 4, "padding_mode": "reflect", "top": 1, "left": 7, "height": 24, "width": 32},
        F.crop(padded, 1, 7, 24, 32))
    add("resize_12x16_bilinear", "resize", {"height": 12, "width": 16, "interpolation": "bilinear", "antialias": False},
        F.resize(img, [12, 16], interpolation=bl, antialias=False))
    add("resize_40x50_bilinear", "resize", {"height": 40, "width": 50, "interpolation": "bilinear", "antialias": False},
        F.resize(img, [40, 50], interpolation=bl, antialias=False))
    add("resized_crop_2_3_16_20_to_24x24", "resized_crop",
        {"top": 2, "left": 3, "height": 16, "width": 20, "out_height": 24, "out_width": 24,
         "interpolation": "bilinear", "antialias": False},
        F.resized_crop(img, 2, 3, 16, 20, [24, 24], interpolation=bl, antialias=False))
    for f in (1.4, 0.6):
        add(f"brightness_{f}", "adjust_brightness", {"factor": f}, F.adjust_brightness(img, f))
    for f in (1.5, 0.5):
        add(f"contrast_{f}", "adjust_contrast", {"factor": f}, F.adjust_contrast(img, f))
    for f in (1.8, 0.3):
        add(f"saturation_{f}", "adjust_saturation", {"factor": f}, F.adjust_saturation(img, f))
    add("erase_4_6_5_7_0.25", "erase", {"top": 4, "left": 6, "height": 5, "width": 7, "value": 0.25},
        F.erase(img, 4, 6, 5, 7, v=torch.tensor(0.25)))

    # Tone and sharpness. posterize and equalize take uint8 images only: the float result is torchvision's on the image
    # converted to uint8 and back with convert_image_dtype (x * 255.999 truncated; k / 255).
    u8 = F.convert_image_dtype(img, torch.uint8)
    add("invert", "invert", {}, F.invert(img))
    for bits in (3, 6):
        add(f"posterize_{bits}", "posterize", {"bits": bits},
            F.convert_image_dtype(F.posterize(u8, bits), torch.float32))
    for t in (0.6, 0.3):
        add(f"solarize_{t}", "solarize", {"threshold": t}, F.solarize(img, t))
    add("autocontrast", "autocontrast", {}, F.autocontrast(img))
    add("equalize", "equalize", {}, F.convert_image_dtype(F.equalize(u8), torch.float32))
    for f in (2.0, 0.3):
        add(f"sharpness_{f}", "adjust_sharpness", {"factor": f}, F.adjust_sharpness(img, f))
    add("grayscale_3", "rgb_to_grayscale", {"num_output_channels": 3}, F.rgb_to_grayscale(img, num_output_channels=3))

    # Perspective with fixed points (the form RandomPerspective draws: start at the corners, ends moved inwards). Nearest
    # sampling of a point exactly halfway between two pixels is decided by torchvision's float32 rounding noise, and
    # whole-pixel end points put some output pixels exactly there, so the nearest case moves the corners by fractions of
    # a pixel, keeping every exact source coordinate clear of such ties (checked).
    start = [[0, 0], [W - 1, 0], [W - 1, H - 1], [0, H - 1]]
    for mode, name, fill, end in ((bl, "bilinear", 0.0, [[3, 2], [29, 1], [30, 21], [1, 22]]),
                                  (nn, "nearest", 0.5, [[2.3, 3.1], [28.6, 1.2], [29.7, 20.4], [3.2, 21.8]])):
        if mode == nn:
            assert_no_ties(*perspective_sources(start, end))
        add(f"perspective_{name}", "perspective", {"startpoints": start, "endpoints": end, "interpolation": name, "fill": fill},
            F.perspective(img, start, end, interpolation=mode, fill=[fill]))

    # Elastic transform with a fixed, smooth displacement field (1 x H x W x 2, normalized grid units), stored in the case.
    ys, xs = torch.meshgrid(torch.arange(H, dtype=torch.float64), torch.arange(W, dtype=torch.float64), indexing="ij")
    dx = 0.12 * torch.sin(2 * math.pi * ys / H) + 0.05 * torch.cos(2 * math.pi * xs / W)
    dy = 0.10 * torch.cos(2 * math.pi * xs / W) - 0.06 * torch.sin(2 * math.pi * (xs + ys) / W)
    displacement = torch.stack([dx, dy], -1).unsqueeze(0).to(torch.float32)
    field = {"shape": list(displacement.shape),
             "data": base64.b64encode(displacement.numpy().astype("<f4").tobytes()).decode("ascii")}
    assert_no_ties(xs + displacement[0, ..., 0].double() * W / 2, ys + displacement[0, ..., 1].double() * H / 2)
    for mode, name, fill in ((bl, "bilinear", 0.0), (nn, "nearest", 0.25)):
        add(f"elastic_{name}", "elastic_transform", {"displacement": field, "interpolation": name, "fill": fill},
            F.elastic_transform(img, displacement, interpolation=mode, fill=[fill]))

    policy_cases(img, add)

    doc = {
        "generator": "generate_references.py",
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "input": encode(img),
        "cases": cases,
        "policies": policy_tables(),
    }
    text = json.dumps(doc, indent=1).encode("utf-8")
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json.gz")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="reference.json", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(text)
    with open(path, "wb") as f:
        f.write(buf.getvalue())
    print(f"torch {torch.__version__}, torchvision {torchvision.__version__}: "
          f"{len(cases)} cases, {len(text)} bytes JSON, {len(buf.getvalue())} bytes written to {path}")


if __name__ == "__main__":
    main()
