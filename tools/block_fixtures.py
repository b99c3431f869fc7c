#!/usr/bin/python3
"""Reference outputs of Striate's biological blocks, computed with real PyTorch (Debian python3-torch 1.13).

Writes src/test/resources/fixtures/blocks/*.npz: seeded inputs, fixed parameters and the PyTorch outputs.
The Java tests (src/test/java/io/striate/model/blocks/) rebuild each block with the same parameters and compare.

The modules below are independent re-implementations of the published equations:
  * Gabor / VOneBlock: Dapello et al. 2020 (VOneNet), gabor kernel, simple = ReLU, complex = quadrature energy / sqrt 2,
    gain k_exc, neuronal noise  x' = (x*s + l + eps*sqrt(relu(x*s + l) + 1e-4) - l) / s, then ReLU.
  * DoG centre-surround, locally connected, tuned (opponent-channel) normalization, Cirincione divisive
    normalization and the polar transform: Pogoncheff, Granley & Beyeler, NeurIPS 2023 (gpogoncheff/explaining_v1),
    with their equations as published (including the DoG kernel's sigma/pi factor and the L2 normalisation over
    kernels at each tap).

Usage: /usr/bin/python3 tools/block_fixtures.py
       /usr/bin/python3 tools/block_fixtures.py sampling <vonenet checkout>   (sampling.npz only)
       /usr/bin/python3 tools/block_fixtures.py verify <vonenet checkout> <explaining_v1 checkout>
         (re-runs the fixtures through the authors' own modules; writes nothing)
"""
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'test', 'resources', 'fixtures', 'blocks')
torch.set_num_threads(1)


def save(name, **arrays):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name + '.npz')
    np.savez(path, **{k: (v.detach().numpy() if torch.is_tensor(v) else np.asarray(v)) for k, v in arrays.items()})
    print(name, os.path.getsize(path), 'bytes')


# ---------------------------------------------------------------- Gabor / VOneBlock
def gabor(frequency, sigma_x, sigma_y, theta, offset, ks):
    """Gabor kernel with VOneNet's conventions: x runs along rows (meshgrid 'ij'), unit-area envelope."""
    w = ks // 2
    grid = torch.arange(-w, w + 1, dtype=torch.float32)
    x, y = torch.meshgrid(grid, grid, indexing='ij')
    rotx = x * math.cos(theta) + y * math.sin(theta)
    roty = -x * math.sin(theta) + y * math.cos(theta)
    g = torch.exp(-0.5 * (rotx ** 2 / sigma_x ** 2 + roty ** 2 / sigma_y ** 2))
    g = g / (2 * math.pi * sigma_x * sigma_y)
    return g * torch.cos(2 * math.pi * frequency * rotx + offset)


def bank(sf, theta, sigx, sigy, phase, channel, in_channels, ks):
    w = torch.zeros(len(sf), in_channels, ks, ks)
    for i in range(len(sf)):
        w[i, int(channel[i])] = gabor(sf[i], sigx[i], sigy[i], theta[i], phase[i], ks)
    return w


def gabor_fixtures():
    g = np.random.default_rng(1)
    n, simple, complex_, ks, stride, size, degrees = 8, 4, 4, 25, 4, 64, 8.0
    ppd = size / degrees
    sf_cpd = 2 ** g.uniform(np.log2(0.5), np.log2(8), n)    # cycles / degree
    nx = 10 ** g.uniform(-1, 0.2, n)
    ny = 10 ** g.uniform(-1, 0.2, n)
    theta = g.uniform(0, np.pi, n)
    phase = g.uniform(0, 2 * np.pi, n)
    channel = g.integers(0, 3, n)
    sf = sf_cpd / ppd                                        # cycles / pixel
    sigx, sigy = nx / sf, ny / sf
    q0 = bank(sf, theta, sigx, sigy, phase, channel, 3, ks)
    q1 = bank(sf, theta, sigx, sigy, phase + np.pi / 2, channel, 3, ks)
    torch.manual_seed(2)
    x = torch.rand(2, 3, size, size) * 2 - 1
    s0 = F.conv2d(x, q0, None, stride, ks // 2)
    s1 = F.conv2d(x, q1, None, stride, ks // 2)
    s = F.relu(s0[:, :simple])
    c = torch.sqrt(s0[:, simple:] ** 2 + s1[:, simple:] ** 2) / math.sqrt(2)
    k_exc = 25.0
    out = F.relu(k_exc * torch.cat((s, c), 1))
    # neuronal noise stage with a fixed standard-normal draw
    scale, level = 0.35, 0.07
    eps = torch.randn(out.shape)
    y = out * scale + level
    y = y + eps * torch.sqrt(F.relu(y) + 1e-4)
    noisy = F.relu((y - level) / scale)
    save('vone', sf=sf, theta=theta, sigx=sigx, sigy=sigy, phase=phase, channel=channel.astype(np.int64),
         sf_cpd=sf_cpd, nx=nx, ny=ny, q0=q0, q1=q1, x=x, out=out, eps=eps, noisy=noisy,
         config=np.array([simple, complex_, ks, stride, size, degrees, k_exc, scale, level]))


# ---------------------------------------------------------------- DoG centre-surround
def dog_fixtures():
    torch.manual_seed(3)
    c, dog_channels, k, pad = 8, 4, 2, 2
    ks = 2 * k + 1
    x = torch.randn(1, c, 16, 16)
    m = dog_channels * dog_channels
    sigma1 = torch.rand(m, 1, 1) + k / 2
    sigma2_scale = torch.rand(m, 1, 1) + k / 2
    total_scale = torch.randn(m, 1, 1) * 2
    bias = torch.randn(dog_channels)
    r = torch.arange(ks, dtype=torch.float32) - k
    d2 = r.view(-1, 1) ** 2 + r.view(1, -1) ** 2
    s1 = torch.clamp(sigma1, min=0.1)
    centre = (1 / math.pi * s1) * torch.exp(-d2 / s1)
    s2 = s1 * torch.clamp(sigma2_scale, min=1 + 1e-4)
    surround = (1 / math.pi * s2) * torch.exp(-d2 / torch.clamp(s2, min=1e-6))
    kernels = F.normalize((centre - surround) * total_scale, dim=0).view(dog_channels, dog_channels, ks, ks)
    y = F.conv2d(x[:, :dog_channels], kernels, bias, stride=1, padding=pad)
    out = torch.cat([y, x[:, dog_channels:]], 1)
    save('dog', x=x, sigma1=sigma1, sigma2_scale=sigma2_scale, total_scale=total_scale, bias=bias, kernels=kernels,
         out=out, config=np.array([dog_channels, k, pad]))
    # the same parameters as block-spec weights of a layer named 'cs' (<layer name>.<parameter>)
    save('dog_spec_weights', **{'cs.sigma1': sigma1, 'cs.sigma2_scale': sigma2_scale,
                                'cs.total_scale': total_scale, 'cs.bias': bias})


def dog_depthwise_fixtures():
    """Striate's depthwise variant (one kernel per channel, groups = D; the reference only runs groups = 1): same
    kernel formula and L2 normalisation over the D kernels at each tap; here every channel gets the DoG, k = 1, no
    bias."""
    torch.manual_seed(8)
    c, k = 6, 1
    ks = 2 * k + 1
    x = torch.randn(2, c, 12, 12)
    sigma1 = torch.rand(c, 1, 1) + k / 2
    sigma1[0] = 0.05                                   # exercises the clamp at 0.1
    sigma2_scale = torch.rand(c, 1, 1) + k / 2
    sigma2_scale[1] = 0.5                              # exercises the clamp at 1 + 1e-4
    total_scale = torch.randn(c, 1, 1) * 2
    r = torch.arange(ks, dtype=torch.float32) - k
    d2 = r.view(-1, 1) ** 2 + r.view(1, -1) ** 2
    s1 = torch.clamp(sigma1, min=0.1)
    centre = (1 / math.pi * s1) * torch.exp(-d2 / s1)
    s2 = s1 * torch.clamp(sigma2_scale, min=1 + 1e-4)
    surround = (1 / math.pi * s2) * torch.exp(-d2 / torch.clamp(s2, min=1e-6))
    kernels = F.normalize((centre - surround) * total_scale, dim=0).view(c, 1, ks, ks)
    out = F.conv2d(x, kernels, None, stride=1, padding=k, groups=c)
    save('dog_depthwise', x=x, sigma1=sigma1, sigma2_scale=sigma2_scale, total_scale=total_scale, out=out,
         config=np.array([c, k]))


# ---------------------------------------------------------------- locally connected
def lc_fixtures():
    torch.manual_seed(4)
    c, o, k, stride, pad, size = 8, 6, 3, 2, 1, 16
    ho = (size + 2 * pad - k) // stride + 1
    x = torch.randn(1, c, size, size)
    weight = torch.randn(o, c, ho, ho, k * k)
    bias = torch.randn(o, ho, ho)
    xp = F.pad(x, (pad, pad, pad, pad))
    patches = xp.unfold(2, k, stride).unfold(3, k, stride)            # N, C, Ho, Wo, k, k
    patches = patches.contiguous().view(*patches.shape[:-2], -1)      # N, C, Ho, Wo, k*k
    out = (patches.unsqueeze(1) * weight.unsqueeze(0)).sum([2, -1]) + bias
    save('lc', x=x, weight=weight, bias=bias, out=out, config=np.array([o, k, stride, pad]))


# ---------------------------------------------------------------- tuned (opponent-channel) normalization
def tuned_fixtures():
    torch.manual_seed(5)
    c = 8
    x = F.relu(torch.randn(1, c, 16, 16))
    sigmas = torch.rand(c) + c / 8
    sigmas[0] = 0.2                                    # exercises the clamp at 0.5
    idx = torch.arange(c, dtype=torch.float32) + 1
    idx = torch.abs(idx - idx[c // 2])
    dist = torch.stack([torch.roll(idx, i) for i in range(c)])
    s = torch.clamp(sigmas, min=0.5)
    g = (1 / (2.5066 * s)) * torch.exp(-dist ** 2 / (2 * s ** 2))
    g = g / g.sum(0)
    out = x / (F.conv2d(x, g.view(c, c, 1, 1)) + 1)
    save('tuned', x=x, sigmas=sigmas, out=out)


# ---------------------------------------------------------------- Cirincione divisive normalization
def divnorm_fixtures():
    torch.manual_seed(6)
    c, ks = 8, 3
    x = F.relu(torch.randn(1, c, 16, 16))
    shape = (c, c, 1, 1)
    A = torch.rand(shape)
    rho = torch.rand(shape) + 1
    sigma = torch.rand(shape) + 1
    theta = torch.rand(shape) * 2 * math.pi
    v = torch.randn(shape) + ks // 2
    w = torch.randn(shape) + ks // 2
    bias = torch.rand(1) + 1
    coords = torch.arange(1, ks + 1, dtype=torch.float32)
    xc = coords.repeat(ks, 1)                 # x = column index + 1
    yc = coords.view(-1, 1).repeat(1, ks)     # y = row index + 1
    xr = xc * torch.cos(theta) + yc * torch.sin(theta)
    yr = -xc * torch.sin(theta) + yc * torch.cos(theta)
    q = (xr - v) ** 2 / torch.clamp(rho ** 2, min=0.1) + (yr - w) ** 2 / torch.clamp(sigma ** 2, min=0.1)
    kern = torch.abs(A / torch.clamp(2 * math.pi * rho * sigma, 0.1)) * torch.exp(-0.5 * q)
    out = x / (F.conv2d(x, kern, padding=ks // 2) + torch.abs(bias))
    save('divnorm', x=x, A=A, rho=rho, sigma=sigma, theta=theta, v=v, w=w, bias=bias, out=out,
         config=np.array([ks]))


# ---------------------------------------------------------------- polar transform (cortical magnification)
def polar_masks(h, w, radius_bins, angle_bins, interpolation):
    ch, cw = int(h / 2), int(w / 2)
    xs = torch.arange(w).repeat(h, 1) - cw
    ys = ch - torch.arange(h).unsqueeze(-1).repeat(1, w)
    dist = torch.sqrt((xs ** 2 + ys ** 2).float())
    ang = torch.atan2(ys.float(), xs.float())
    ang[ys < 0] += 2 * math.pi
    n_angles = len(angle_bins) - 1
    masks = []
    for r0, r1 in zip(radius_bins, radius_bins[1:]):
        in_r = (dist >= r0) & (dist < r1)
        for a0, a1 in zip(angle_bins, angle_bins[1:]):
            masks.append((in_r & (ang >= a0) & (ang < a1)).float())
    masks = torch.stack(masks)
    if interpolation:
        edge = min(ch, cw)
        for start in range(0, masks.shape[0], n_angles):
            if radius_bins[start // n_angles] > edge:
                continue
            ring = masks[start:start + n_angles]
            nonzero = ring[ring.sum((1, 2)) > 0]
            if nonzero.shape[0] == 0:
                continue
            ring = F.interpolate(nonzero.permute(1, 2, 0), size=n_angles, mode=interpolation).permute(2, 0, 1)
            masks[start:start + n_angles] = ring
    counts = masks.sum((1, 2))
    counts[counts == 0] = 1
    return masks, counts


def polar_fixtures():
    torch.manual_seed(7)
    c, h, w, out_h, out_w = 8, 16, 16, 12, 12
    x = torch.randn(1, c, h, w)
    radius_bins = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12]
    # 30 angle bins as in the paper (edges k·12°): no pixel angle ties an edge except 0 and π, which float32 and
    # float64 atan2 both give exactly; with 16 bins, pixels on the diagonals tie the π/4 edges and torch's
    # vectorised float32 atan2 puts them on either side.
    angle_bins = list(np.linspace(0, 2 * np.pi, 31))
    arrays = dict(x=x, radius_bins=np.array(radius_bins, dtype=np.float64), angle_bins=np.array(angle_bins),
                  config=np.array([out_h, out_w]))
    for mode in ('none', 'linear', 'nearest'):
        masks, counts = polar_masks(h, w, radius_bins, angle_bins, None if mode == 'none' else mode)
        pooled = (x.unsqueeze(2) * masks).sum((-1, -2)) / counts
        pooled = pooled.view(1, c, len(radius_bins) - 1, len(angle_bins) - 1)
        pooled = F.pad(pooled, (1, 1, 0, 0), mode='reflect')
        out = F.interpolate(pooled, size=(out_h, out_w), mode='bilinear', align_corners=False, antialias=False)
        arrays['out_' + mode] = out
    save('polar', **arrays)


# ---------------------------------------------------------------- VOneNet's own parameter sampling
def sampling_fixtures(vonenet_dir):
    """Quantiles of Gabor parameters drawn by VOneNet's own generate_gabor_param (dicarlolab/vonenet, commit 3c3a0b2,
    vonenet/params.py + utils.py, imported from a checkout), N = 200,000, empirical (sf_corr 0.75) and uniform mode.
    Java's GaborSampling uses another generator, so its test compares distributions (quantiles, rank correlation)."""
    import contextlib
    import importlib.util
    import io
    import sys
    import types
    from scipy.stats import spearmanr
    pkg = types.ModuleType('vonenet')
    pkg.__path__ = [os.path.join(vonenet_dir, 'vonenet')]
    sys.modules['vonenet'] = pkg
    for name in ('utils', 'params'):
        spec = importlib.util.spec_from_file_location('vonenet.' + name, os.path.join(vonenet_dir, 'vonenet', name + '.py'))
        module = importlib.util.module_from_spec(spec)
        sys.modules['vonenet.' + name] = module
        spec.loader.exec_module(module)
    generate = sys.modules['vonenet.params'].generate_gabor_param
    qs = np.linspace(0.05, 0.95, 19)
    arrays = dict(q=qs)
    for mode, rand in (('empirical', False), ('uniform', True)):
        with contextlib.redirect_stdout(io.StringIO()):
            sf, ori, phase, nx, ny = generate(200000, 0, rand, 0.75, 9, 0)
        arrays[mode + '_log2_sf'] = np.quantile(np.log2(sf), qs)
        arrays[mode + '_ori'] = np.quantile(ori, qs)
        arrays[mode + '_phase'] = np.quantile(phase, qs)
        arrays[mode + '_log10_nx'] = np.quantile(np.log10(nx), qs)
        arrays[mode + '_log10_ny'] = np.quantile(np.log10(ny), qs)
        arrays[mode + '_spearman_nx_sf'] = np.array([spearmanr(nx, sf).correlation])
    save('sampling', **arrays)


def _load_package(name, root, modules):
    import importlib.util
    import sys
    import types
    pkg = types.ModuleType(name)
    pkg.__path__ = [os.path.join(root, name)]
    sys.modules[name] = pkg
    for m in modules:
        spec = importlib.util.spec_from_file_location(name + '.' + m, os.path.join(root, name, m + '.py'))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name + '.' + m] = module
        spec.loader.exec_module(module)
    return [sys.modules[name + '.' + m] for m in modules]


def verify_against_upstream(vonenet_dir, explaining_v1_dir):
    """Re-runs the committed fixtures through the authors' own modules (not the re-implementations above):
    dicarlolab/vonenet 3c3a0b2 (vonenet/modules.py VOneBlock, utils.py gabor_kernel) and gpogoncheff/explaining_v1
    682f116 (utils/DoG.py, DivisiveNormalization.py, LocallyConnected2d.py, PolarTransform.py). Prints the max
    relative error of each; all are 0 except that PolarTransform keeps its masks in float16 (run here in float32)."""
    import torch.nn as nn
    def rel(a, b):
        a = a.detach().numpy()
        return float(np.abs(a - b).max() / np.abs(b).max())
    def load(name):
        return np.load(os.path.join(OUT, name + '.npz'))
    t = torch.from_numpy
    utils, modules = _load_package('vonenet', vonenet_dir, ['utils', 'modules'])
    f = load('vone')
    simple, complex_, ks, stride, size, _, k_exc, scale, level = f['config']
    block = modules.VOneBlock(f['sf'], f['theta'], f['sigx'], f['sigy'], f['phase'], k_exc=k_exc, noise_mode=None,
                              simple_channels=int(simple), complex_channels=int(complex_), ksize=int(ks),
                              stride=int(stride), input_size=int(size))
    with torch.no_grad():
        for i, c in enumerate(f['channel']):
            g = utils.gabor_kernel(f['sf'][i], f['sigx'][i], f['sigy'][i], f['theta'][i], f['phase'][i], int(ks))
            print('vonenet gabor_kernel', i, rel(g, f['q0'][i, c]))
        # VOneNet draws the input channel of q0 and q1 separately (torch.randint in each GFB.initialize); the fixture
        # (and Striate) give a quadrature pair the same channel, so the banks are set from the fixture
        block.simple_conv_q0.weight.copy_(t(f['q0']))
        block.simple_conv_q1.weight.copy_(t(f['q1']))
        print('vonenet VOneBlock, noise off', rel(block(t(f['x'])), f['out']))
        block.set_noise_mode('neuronal', float(scale), float(level))
        block.fixed_noise = t(f['eps'])
        print('vonenet VOneBlock, neuronal noise with the fixed draw', rel(block(t(f['x'])), f['noisy']))
    dog, dn, lc, polar = _load_package('utils', explaining_v1_dir,
                                       ['DoG', 'DivisiveNormalization', 'LocallyConnected2d', 'PolarTransform'])
    with torch.no_grad():
        f = load('dog')
        m = dog.DoGConv2DLayer(int(f['config'][0]), int(f['config'][1]), 1, int(f['config'][2]), bias=True)
        for n in ('sigma1', 'sigma2_scale', 'total_scale', 'bias'):
            getattr(m.dog_conv, n).copy_(t(f[n]))
        print('explaining_v1 DoGConv2DLayer', rel(m(t(f['x'])), f['out']))
        f = load('tuned')
        m = dn.OpponentChannelInhibition(f['x'].shape[1])
        m.sigmas.copy_(t(f['sigmas']))
        print('explaining_v1 OpponentChannelInhibition', rel(m(t(f['x'])), f['out']))
        f = load('divnorm')
        m = dn.DivisiveNormalizationCirincione(f['x'].shape[1], int(f['config'][0]))
        for n in ('A', 'rho', 'sigma', 'theta', 'v', 'w', 'bias'):
            getattr(m, n).copy_(t(f[n]))
        print('explaining_v1 DivisiveNormalizationCirincione', rel(m(t(f['x'])), f['out']))
        f = load('lc')
        o, k, s, p = (int(v) for v in f['config'])
        m = lc.LocallyConnected2d(f['x'].shape[1], o, f['out'].shape[2], k, s, p, bias=True)
        m.weight.copy_(t(f['weight'])[None])
        m.bias.copy_(t(f['bias'])[None])
        print('explaining_v1 LocallyConnected2d', rel(m(t(f['x'])), f['out']))
        f = load('polar')
        x = t(f['x'])
        for mode in ('none', 'linear', 'nearest'):
            half = torch.Tensor.half
            torch.Tensor.half = lambda self: self    # keep the masks in float32 for the comparison
            try:
                m = polar.PolarTransform(x.shape[2], x.shape[3], int(f['config'][0]), int(f['config'][1]),
                                         list(f['radius_bins']), list(f['angle_bins']),
                                         interpolation=None if mode == 'none' else mode)
            finally:
                torch.Tensor.half = half
            print('explaining_v1 PolarTransform', mode, rel(m(x), f['out_' + mode]))
        f = load('polar_paper')
        x = t(f['x'])
        half = torch.Tensor.half
        torch.Tensor.half = lambda self: self
        try:
            m = polar.PolarTransform(32, 32, 16, 16, list(f['radius_bins']), list(f['angle_bins']),
                                     interpolation='linear')
        finally:
            torch.Tensor.half = half
        print('explaining_v1 PolarTransform, paper setting', rel(m(x), f['out']))


def polar_paper_fixtures():
    """The paper's own cortical-magnification setting (explaining_v1 models/cortical_magnification.py): a 32 × 32 map,
    rings 0, 1, …, 11 then 12, 13, 14, 16, 18, 20, 23 px (the outer rings leave the map: no interpolation there, the
    corners only), 30 angle bins, linear interpolation of empty bins, resized to 16 × 16 (both axes shrink)."""
    torch.manual_seed(9)
    c, size, out = 4, 32, 16
    x = torch.randn(2, c, size, size)
    radius_bins = list(range(12)) + [12, 13, 14, 16, 18, 20, 23]
    angle_bins = list(np.linspace(0, 2 * np.pi, size + 1 - 2))
    masks, counts = polar_masks(size, size, radius_bins, angle_bins, 'linear')
    pooled = (x.unsqueeze(2) * masks).sum((-1, -2)) / counts
    pooled = pooled.view(2, c, len(radius_bins) - 1, len(angle_bins) - 1)
    pooled = F.pad(pooled, (1, 1, 0, 0), mode='reflect')
    y = F.interpolate(pooled, size=(out, out), mode='bilinear', align_corners=False, antialias=False)
    save('polar_paper', x=x, radius_bins=np.array(radius_bins, dtype=np.float64), angle_bins=np.array(angle_bins),
         out=y, config=np.array([out, out]))


if __name__ == '__main__':
    import sys
    if len(sys.argv) > 1 and sys.argv[1] == 'polar_paper':
        polar_paper_fixtures()
        sys.exit(0)
    if len(sys.argv) > 1 and sys.argv[1] == 'dog_depthwise':
        dog_depthwise_fixtures()
        sys.exit(0)
    if len(sys.argv) > 3 and sys.argv[1] == 'verify':
        # /usr/bin/python3 tools/block_fixtures.py verify <vonenet checkout> <explaining_v1 checkout>
        verify_against_upstream(sys.argv[2], sys.argv[3])
        sys.exit(0)
    if len(sys.argv) > 2 and sys.argv[1] == 'sampling':
        # /usr/bin/python3 tools/block_fixtures.py sampling /path/to/vonenet-checkout
        sampling_fixtures(sys.argv[2])
        sys.exit(0)
    gabor_fixtures()
    dog_fixtures()
    dog_depthwise_fixtures()
    lc_fixtures()
    tuned_fixtures()
    divnorm_fixtures()
    polar_fixtures()
    polar_paper_fixtures()
