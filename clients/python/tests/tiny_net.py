"""A tiny torchvision-style network for the export tests: ``build()`` is the zero-argument factory."""
import torch.nn as nn


class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1)
        self.relu1 = nn.ReLU()
        self.pool = nn.AdaptiveAvgPool2d(4)

    def forward(self, x):
        return self.pool(self.relu1(self.conv1(x)))


def build():
    return TinyNet()
