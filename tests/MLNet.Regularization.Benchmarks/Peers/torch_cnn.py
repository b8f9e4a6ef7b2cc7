"""PyTorch peer of the --cnn benchmark: RegularizedCnn's default CNN and training with a plain loop. The pixels standardized
with one mean and std over all training pixels; three blocks of 2 x (Conv2d 3x3 no bias, BatchNorm2d, ReLU), MaxPool2d(2),
Dropout2d(0.1); global average pooling, Dropout(0.3), Linear. AdamW (decay 0.01 on kernels and weights only), label smoothing
0.1, cosine learning rate per epoch, batch 128. Loads the IDX files with ../shared/bench/common.py.
Prints one JSON line: seconds of training, seconds per epoch, test accuracy."""
import argparse, math, os, sys, time, torch

repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(repo, "..", "shared", "bench"))
from common import load_split, report

p = argparse.ArgumentParser(description=__doc__)
p.add_argument("--data", default=os.path.join(repo, "..", "shared", "data", "fashion-mnist"))
p.add_argument("--epochs", type=int, default=2)
p.add_argument("--train-rows", type=int, default=0)
p.add_argument("--test-rows", type=int, default=0)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--seed", type=int, default=0)
a = p.parse_args()
torch.manual_seed(a.seed); torch.set_num_threads(a.threads)
xtr, ytr, xte, yte = map(torch.from_numpy, load_split(a.data))
if a.train_rows > 0:
    xtr, ytr = xtr[:a.train_rows], ytr[:a.train_rows]
if a.test_rows > 0:
    xte, yte = xte[:a.test_rows], yte[:a.test_rows]
mean, std = xtr.double().mean().float(), xtr.double().std(unbiased=False).float()
prep = lambda x: ((x - mean) / std).view(-1, 1, 28, 28)

layers, channels = [], 1
for width in (32, 64, 128):
    for i in range(2):
        layers += [torch.nn.Conv2d(channels if i == 0 else width, width, 3, padding=1, bias=False),
                   torch.nn.BatchNorm2d(width), torch.nn.ReLU()]
    layers += [torch.nn.MaxPool2d(2), torch.nn.Dropout2d(0.1)]
    channels = width
net = torch.nn.Sequential(*layers, torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(), torch.nn.Dropout(0.3),
                          torch.nn.Linear(channels, int(ytr.max()) + 1))
decayed = [q for q in net.parameters() if q.dim() > 1]
others = [q for q in net.parameters() if q.dim() <= 1]
opt = torch.optim.AdamW([{"params": decayed, "weight_decay": 0.01}, {"params": others, "weight_decay": 0.0}], lr=1e-3)
loss = torch.nn.CrossEntropyLoss(label_smoothing=0.1)
start = time.perf_counter()
for epoch in range(a.epochs):
    for group in opt.param_groups:
        group["lr"] = 1e-3 * (1 + math.cos(math.pi * epoch / a.epochs)) / 2
    net.train()
    perm = torch.randperm(len(xtr))
    for i in range(0, len(xtr), 128):
        ix = perm[i:i + 128]
        if len(ix) == 1:
            break
        opt.zero_grad(); loss(net(prep(xtr[ix])), ytr[ix]).backward(); opt.step()
train_s = time.perf_counter() - start
net.eval()
with torch.no_grad():
    acc = sum((net(prep(xte[i:i + 1000])).argmax(1) == yte[i:i + 1000]).sum().item() for i in range(0, len(xte), 1000)) / len(xte)
report(peer="pytorch", version=torch.__version__, epochs=a.epochs, train_s=round(train_s, 3),
       s_per_epoch=round(train_s / a.epochs, 4), test_accuracy=round(acc, 4))
