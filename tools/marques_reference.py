#!/usr/bin/env python3
"""Reference values for Striate's Marques2020 (V1 tuning-property) port.

Independent numpy/scipy/PIL implementation of the formulas in ../shared/specs/v1-benchmarks.md §4.2–§4.7,
written from the spec (not copied from Brain-Score). Outputs go to src/test/resources/fixtures/marques2020/:

  properties.json   seeded tuning curves and the expected property values (scipy CubicSpline not-a-knot,
                    cross-checked against FITPACK UnivariateSpline(s=0), which Brain-Score calls)
  gratings.json     grating parameters (repr floats) + file names of reference images rendered with numpy and
                    written with PIL (8-bit grayscale PNG), and the numpy parameter grids
  grating_*.png     the reference images (672x672, 12 deg) and a 8-deg centre crop made with PIL
  property_assembly.nc  a small BrainIO-style PropertyAssembly written with xarray/netCDF4 (importer fixture)
  texture_stimuli.csv/.zip  a 4-image BrainIO-style stimulus set (importer fixture)

Run: /usr/bin/python3 tools/marques_reference.py
"""
import hashlib
import io
import json
import os
import zipfile

import numpy as np
from PIL import Image
from scipy.interpolate import CubicSpline, UnivariateSpline

OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'test', 'resources', 'fixtures', 'marques2020')
KERNELS = {'hanning': [0, 2 / 5, 1, 2 / 5, 0], 'smooth': [0, 1 / 5, 1, 1 / 5, 0], 'flat': [1, 1, 1, 1, 1],
           'triangle': [0.5, 0.75, 1, 0.75, 0.5]}


def kernel(name):
    w = np.array(KERNELS[name], dtype=float)
    return w / w.sum()


def spline(x, y):
    cs = CubicSpline(x, y, bc_type='not-a-knot')
    us = UnivariateSpline(x, y, s=0.)
    probe = np.linspace(x[0] - 20, x[-1] + 20, 777)
    assert np.max(np.abs(cs(probe) - us(probe))) < 1e-8 * max(1.0, np.max(np.abs(y))), 'FITPACK != not-a-knot'
    return cs


def orientation_bandwidth(curve, orientation, kname, thr, half):
    ext_x = np.concatenate([orientation - 180, orientation, orientation + 180])
    ext_y = np.convolve(kernel(kname), np.tile(curve, 3), mode='same')
    fit = spline(ext_x, ext_y)(np.arange(-180, 360, dtype=float))
    pref = int(np.argmax(fit[180:360]))
    below = np.flatnonzero(fit <= fit[180 + pref] * thr)
    left = below[below < 180 + pref]
    right = below[below > 180 + pref]
    if len(left) == 0 or len(right) == 0:
        width = np.nan
    else:
        width = float(right[0] - left[-1])
        if width > 180:
            width = np.nan
    return (width / 2 if half else width), pref


def circular_variance(curve, orientation):
    z = np.sum(curve * np.exp(2j * np.deg2rad(orientation)))
    return 1 - np.abs(z) / np.sum(np.abs(curve))


def opr(curve):
    j = int(np.argmax(curve))
    return curve[(j + len(curve) // 2) % len(curve)] / curve[j]


def sf_tuning(curve, sf, kname, thr):
    u = np.log2(sf)
    grid = np.linspace(u[0], u[-1], 100)
    padded = np.concatenate([[curve[0]] * 2, curve, [curve[-1]] * 2])
    smoothed = np.convolve(kernel(kname), padded, mode='valid')
    fit = spline(u, smoothed)(grid)
    k = int(np.argmax(fit))
    lim = fit[k] * thr
    lo = [i for i in range(k) if fit[i] <= lim]
    hi = [i for i in range(k + 1, 100) if fit[i] <= lim]
    ulo = grid[lo[-1]] if lo else np.nan
    uhi = grid[hi[0]] if hi else np.nan
    return 2 ** grid[k], 2 ** ulo / 2 ** uhi * 100


def size_tuning(curve, radius):
    pref = int(np.argmax(curve))
    peak, plateau = curve[pref], curve[-1]
    ssi = (peak - plateau) / peak
    if peak > 0 and ssi > 0.1:
        gsf = 2 * radius[np.flatnonzero(curve >= 0.95 * peak)[0]]
        sel = np.flatnonzero((curve <= plateau + 0.05 * abs(plateau)) & (radius > radius[pref]))
        surround = 2 * radius[sel[0]] if len(sel) else np.nan
    else:
        gsf, surround = np.nan, np.nan
    return ssi, gsf, surround


def sparseness(r):
    r = np.ravel(r)
    n = r.size
    return (1 - np.mean(r) ** 2 / np.mean(r ** 2)) / (1 - 1 / n)


def tmi(noise, texture):
    with np.errstate(invalid='ignore', divide='ignore'):
        return float(np.nanmean((texture - noise) / (texture + noise)))


def variance_ratio(y):
    a, b = y.shape
    fm = y.mean(axis=1)
    m = fm.mean()
    ms_s = np.sum((y - fm[:, None]) ** 2) / (a * (b - 1))
    ms_f = b * np.sum((fm - m) ** 2) / (a - 1)
    vs, vf = ms_s, (ms_f - ms_s) / b
    tot = vs + vf
    return (vf / tot + 0.02) / (vs / tot + 0.02)


def jnum(v):
    v = float(v)
    return None if np.isnan(v) else v


def properties(rng):
    orientation = np.linspace(0, 165, 12)
    sf = np.logspace(-1.5 + 0.125, 4 - 0.125, 22, base=2)
    radius = np.logspace(-3 + 0.75, 4 - 0.75, 12, base=2) / 2
    cases = {'orientation': [], 'sf': [], 'size': [], 'texture': [], 'phase': [], 'spline': []}
    for i in range(40):
        pref = rng.uniform(0, 180)
        kappa = rng.uniform(0.3, 6)
        base = rng.uniform(0, 3) if i % 4 else 0
        d = np.deg2rad(orientation - pref)
        curve = base + rng.uniform(2, 40) * np.exp(kappa * (np.cos(2 * d) - 1)) + rng.normal(0, 0.5, 12)
        if i % 10 == 9:
            curve = rng.uniform(0, 10, 12)  # untuned
        bw_h, p_h = orientation_bandwidth(curve, orientation, 'hanning', 0.707, True)
        bw_s, p_s = orientation_bandwidth(curve, orientation, 'smooth', 0.5, False)
        cases['orientation'].append({'curve': curve.tolist(), 'hanning_0707_half': jnum(bw_h), 'hanning_pref': p_h,
                                     'smooth_05_full': jnum(bw_s), 'smooth_pref': p_s,
                                     'circular_variance': circular_variance(curve, orientation),
                                     'orthogonal_preferred_ratio': opr(curve)})
    for i in range(40):
        u = np.log2(sf)
        peak = rng.uniform(u[0] - 1, u[-1] + 1)
        width = rng.uniform(0.4, 3)
        curve = rng.uniform(1, 50) * np.exp(-(u - peak) ** 2 / (2 * width ** 2)) + rng.normal(0, 0.3, 22)
        p, bw = sf_tuning(curve, sf, 'smooth', 0.707)
        cases['sf'].append({'curve': curve.tolist(), 'peak': jnum(p), 'bandwidth': jnum(bw)})
    for i in range(40):
        lr = np.log2(radius)
        c = rng.uniform(-1, 2)
        s = rng.uniform(0, 1.2)
        curve = rng.uniform(5, 40) * (1 / (1 + np.exp(-(lr - c) * 2)) - s / (1 + np.exp(-(lr - c - 1.5) * 2)))
        curve = curve + rng.normal(0, 0.2, 12)
        ssi, gsf, sd = size_tuning(curve, radius)
        cases['size'].append({'curve': curve.tolist(), 'ssi': jnum(ssi), 'gsf': jnum(gsf), 'surround': jnum(sd)})
    for i in range(20):
        r = rng.gamma(1.5, 4, size=(2, 15, 15))
        if i == 0:
            r[0, 3, :] = 0
            r[1, 3, :] = 0  # a family with 0/0 -> NaN TMI term, ignored by nanmean
        fam = r.mean(axis=2)
        y = np.sqrt(r[1] / 10) + np.sqrt(r[1] / 10 + 1)
        cases['texture'].append({'responses': r.tolist(), 'tmi': jnum(tmi(fam[0], fam[1])),
                                 'texture_selectivity': jnum(sparseness(fam[1])),
                                 'texture_sparseness': jnum(sparseness(r[1])), 'variance_ratio': jnum(variance_ratio(y))})
    for i in range(20):
        r = rng.uniform(0, 30, 8)
        f = np.fft.fft(r)
        cases['phase'].append({'r': r.tolist(), 'dc': float(r.mean()), 'f1': float(np.abs(f)[1] / 8 * 2)})
    for i in range(10):
        x = np.cumsum(rng.uniform(0.2, 2, 12 + i))
        y = rng.normal(0, 5, 12 + i)
        t = np.linspace(x[0] - 3, x[-1] + 3, 57)
        cases['spline'].append({'x': x.tolist(), 'y': y.tolist(), 't': t.tolist(),
                                'values': CubicSpline(x, y, bc_type='not-a-knot')(t).tolist()})
    return {'orientation': orientation.tolist(), 'sf': sf.tolist(), 'radius': radius.tolist(), 'cases': cases}


def render_grating(pos_y, pos_x, contrast, radius, sf, orientation, phase, size_px=672, degrees=12):
    px_per_deg = size_px / degrees
    x = (np.arange(size_px) - size_px / 2) / px_per_deg - pos_x
    y = (np.arange(size_px) - size_px / 2) / px_per_deg - pos_y
    xv, yv = np.meshgrid(x, y)
    th = orientation / 180 * np.pi
    ph = phase / 180 * np.pi
    tex = np.sin((xv * np.cos(th) + yv * np.sin(th)) * sf * 2 * np.pi + ph) * contrast
    inside = xv ** 2 + yv ** 2 <= radius ** 2
    gray = np.uint8(np.uint8(255) / 2 + 1)
    img = np.full((size_px, size_px), gray, dtype=np.uint8)
    img[inside] = np.uint8(((tex[inside] + 1) / 2) * np.uint8(255))
    return img


def gratings():
    sf = np.logspace(-1.5 + 0.125, 4 - 0.125, 22, base=2)
    radius = np.logspace(-3 + 0.75, 4 - 0.75, 12, base=2) / 2
    params = [
        (0.5, 0.5, 1.0, radius[11], sf[4], 0.0, 0.0),
        (0.5, 0.5, 1.0, 2.25, sf[13], 30.0, 45.0),
        (0.5, 0.5, 1.0, 4 / 2 / sf[8], sf[8], 15.0, 270.0),
        (-2.5, 1.75, 1.0, 1 / 6, 3.0, 135.0, 180.0),
        (0.5, 0.5, 1.0, radius[5], sf[21], 150.0, 315.0),
        (0.5, 0.5, 1.0, 0.75, sf[0], 90.0, 90.0),
    ]
    out = []
    for i, p in enumerate(params):
        img = render_grating(*p)
        name = f'grating_{i}.png'
        Image.fromarray(img, mode='L').save(os.path.join(OUT, name))
        crop_name = None
        if i < 2:
            # Brain-Score's place_on_screen: 12 deg -> 8 deg centre crop, ratio*size rounded half to even
            im = Image.open(os.path.join(OUT, name))
            size = np.array(im.size)
            target = (8 / 12 * size).round().astype(int)
            left, upper = ((size - target) / 2).round().astype(int)
            crop = im.crop((left, upper, left + target[0], upper + target[1])).convert('RGB')
            crop_name = f'grating_{i}_crop8.png'
            crop.save(os.path.join(OUT, crop_name))
        out.append({'params': [float(v) for v in p], 'file': name, 'crop8': crop_name})
    return {'gratings': out, 'sf': sf.tolist(), 'radius': radius.tolist(),
            'orientation': np.linspace(0, 165, 12).tolist(), 'phase': np.linspace(0, 315, 8).tolist()}


def property_assembly():
    import xarray as xr
    rng = np.random.default_rng(7)
    names = ['circular_variance', 'bandwidth', 'max_dc']
    values = np.column_stack([rng.uniform(0, 1, 6), rng.uniform(5, 80, 6), rng.uniform(1, 100, 6)])
    values[2, 1] = np.nan
    da = xr.DataArray(values, dims=['neuroid', 'neuronal_property'],
                      coords={'neuroid_id': ('neuroid', np.arange(6)), 'region': ('neuroid', ['V1'] * 6),
                              'neuronal_property': names})
    da.attrs['circular_variance_bins'] = np.linspace(0, 1, 14)
    da.attrs['bandwidth_bins'] = np.linspace(0, 90, 18)
    da.attrs['max_dc_bins'] = np.logspace(0, 3, 10)
    da.attrs['number_of_trials'] = 20
    path = os.path.join(OUT, 'property_assembly.nc')
    if os.path.exists(path):
        os.remove(path)
    da.to_netcdf(path)
    sha1 = hashlib.sha1(open(path, 'rb').read()).hexdigest()
    return {'file': 'property_assembly.nc', 'sha1': sha1, 'properties': names,
            'values': [[jnum(v) for v in row] for row in values],
            'bins': {k[:-5]: np.asarray(v).tolist() for k, v in da.attrs.items() if k.endswith('_bins')}}


def texture_stimuli():
    rng = np.random.default_rng(11)
    rows = []
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w') as z:
        for i, (kind, fam_id, smp) in enumerate([('tex', 60, 1), ('noise', 60, 1), ('tex', 56, 2), ('noise', 56, 2)]):
            yy, xx = np.mgrid[0:640, 0:640]
            img = ((xx * 3 + yy * 7 + i * 13 + rng.integers(0, 4, size=(640, 640))) % 256).astype(np.uint8)
            name = f'aperture_{kind}-320x320-im{fam_id}-smp{smp}.png'
            b = io.BytesIO()
            Image.fromarray(img, mode='L').save(b, format='PNG')
            z.writestr(name, b.getvalue())
            family = [60, 56, 13, 48, 71, 18, 327, 336, 402, 38, 23, 52, 99, 393, 30].index(fam_id) + 1
            rows.append((str(i), 8, 0.5, 0.5, family, smp, 1 if kind == 'noise' else 2, name,
                         int(img[0, 0]), int(img[320, 321])))
    zpath = os.path.join(OUT, 'texture_stimuli.zip')
    open(zpath, 'wb').write(buf.getvalue())
    cpath = os.path.join(OUT, 'texture_stimuli.csv')
    with open(cpath, 'w') as f:
        f.write('stimulus_id,degrees,position_y,position_x,family,sample,type,filename\n')
        for r in rows:
            f.write(','.join(str(v) for v in r[:8]) + '\n')
    return {'csv_sha1': hashlib.sha1(open(cpath, 'rb').read()).hexdigest(),
            'zip_sha1': hashlib.sha1(open(zpath, 'rb').read()).hexdigest(),
            'probe_pixels': [{'file': r[7], 'p00': r[8], 'p320_321': r[9]} for r in rows]}


def dc_ac(r):
    """(..., 8 phases) -> DC, AC (numpy FFT bin 1)."""
    return r.mean(axis=-1), np.abs(np.fft.fft(r, axis=-1))[..., 1] / r.shape[-1] * 2


def experiments(rng):
    """Per-paper experiments of spec 4.7 on seeded firing rates (units x stimuli, canonical stimulus order)."""
    orientation = np.linspace(0, 165, 12)
    sf = np.logspace(-1.5 + 0.125, 4 - 0.125, 22, base=2)
    radius = np.logspace(-3 + 0.75, 4 - 0.75, 12, base=2) / 2
    n = 5
    baseline = rng.uniform(0, 4, n)
    baseline[4] = 30.0  # a unit that fails the Ringach / De Valois a / Schiller thresholds (max <= baseline + 5)
    out = {'baseline': baseline.tolist()}

    # orientation set (pair 12, orientation 12, phase 8)
    ph = np.deg2rad(np.linspace(0, 315, 8))
    rates = np.zeros((n, 12, 12, 8))
    for u in range(n):
        pref = rng.uniform(0, 180)
        for p in range(12):
            amp = rng.uniform(5, 30)
            tune = np.exp(2 * (np.cos(2 * np.deg2rad(orientation - pref)) - 1))
            mod = rng.uniform(0, 1)
            rates[u, p] = np.maximum(0, amp * tune[:, None] * (1 + mod * np.cos(ph[None, :] + rng.uniform(0, 6)))
                                     + rng.normal(0, 0.5, (12, 8)))
    rates[4] = np.minimum(rates[4], 20)
    rows = {'ringach': [], 'devalois_a': []}
    for u in range(n):
        dc, ac = dc_ac(rates[u])
        p, o = np.unravel_index(np.argmax(dc), dc.shape)
        curve = dc[p]
        if dc[p, o] > baseline[u] + 5:
            cv = circular_variance(curve, orientation)
            bw = orientation_bandwidth(curve, orientation, 'hanning', 0.707, True)[0]
            o_ = opr(curve)
            rows['ringach'].append({'unit': u, 'circular_variance': cv, 'bandwidth': jnum(bw),
                                    'orthogonal_preferred_ratio': o_, 'orientation_selective': 0 if np.isnan(bw) else 1,
                                    'modulation_ratio': ac[p, o] / dc[p, o], 'max_dc': dc[p, o],
                                    'circular_variance_bandwidth_ratio': jnum(cv / bw),
                                    'orthogonal_preferred_ratio_circular_variance_difference': o_ - cv})
            pref = orientation_bandwidth(curve, orientation, 'smooth', 0.5, False)[1]
            rows['devalois_a'].append({'unit': u, 'preferred_orientation': pref - 180 if pref >= 157.5 else pref})
    out['orientation'] = {'rates': rates.reshape(n, -1).tolist(), 'rows': rows}

    # SF set (radius 2, sf 22, orientation 6, phase 8)
    rates = np.zeros((n, 2, 22, 6, 8))
    for u in range(n):
        peak = rng.uniform(-1, 3)
        po = rng.integers(0, 6)
        for r in range(2):
            for o in range(6):
                tune = np.exp(-(np.log2(sf) - peak) ** 2 / 2) * (1.0 if o == po else rng.uniform(0.1, 0.6))
                mod = rng.uniform(0, 1.5)
                rates[u, r, :, o] = np.maximum(0, rng.uniform(10, 40) * tune[:, None]
                                               * (1 + mod * np.cos(ph[None, :])) + rng.normal(0, 0.3, (22, 8)))
    rates[4] = np.minimum(rates[4], 20)
    rows = {'devalois_b': [], 'schiller': []}
    for u in range(n):
        dc, ac = dc_ac(rates[u])
        stacked = np.stack([dc - baseline[u], ac], axis=-1)
        r, s_, o, c = np.unravel_index(np.argmax(stacked), stacked.shape)
        if stacked.max() > 5:
            rows['devalois_b'].append({'unit': u, 'peak_spatial_frequency': sf_tuning(stacked[r, :, o, c], sf,
                                                                                       'smooth', 0.707)[0]})
        r, s_, o = np.unravel_index(np.argmax(dc), dc.shape)
        if dc.max() > baseline[u] + 5:
            bw = sf_tuning(dc[r, :, o], sf, 'smooth', 0.707)[1]
            rows['schiller'].append({'unit': u, 'spatial_frequency_bandwidth': jnum(bw),
                                     'spatial_frequency_selective': 0 if np.isnan(bw) else 1})
    out['sf'] = {'rates': rates.reshape(n, -1).tolist(), 'rows': rows}

    # size set (radius 12, sf 4, orientation 6, phase 8)
    rates = np.zeros((n, 12, 4, 6, 8))
    lr = np.log2(radius)
    for u in range(n):
        c0 = rng.uniform(-1, 1.5)
        supp = rng.uniform(0, 1)
        for s_ in range(4):
            for o in range(6):
                tune = (1 / (1 + np.exp(-(lr - c0) * 3)) - supp / (1 + np.exp(-(lr - c0 - 1.2) * 3)))
                tune = tune * rng.uniform(0.2, 1)
                mod = rng.uniform(0, 1.5)
                rates[u, :, s_, o] = np.maximum(0, 40 * tune[:, None] * (1 + mod * np.cos(ph[None, :]))
                                                + rng.normal(0, 0.3, (12, 8)))
    rows = []
    for u in range(n):
        dc, ac = dc_ac(rates[u])
        stacked = np.stack([dc - baseline[u], ac], axis=-1)
        r, s_, o, c = np.unravel_index(np.argmax(stacked), stacked.shape)
        if stacked.max() > 5:
            ssi, gsf, sd = size_tuning(stacked[:, s_, o, c], radius)
            rows.append({'unit': u, 'surround_suppression_index': ssi, 'grating_summation_field': jnum(gsf),
                         'surround_diameter': jnum(sd)})
    out['size'] = {'rates': rates.reshape(n, -1).tolist(), 'rows': rows}

    # textures (type 2 [noise, texture], family 15, sample 15)
    rates = rng.gamma(2, 5, size=(n, 2, 15, 15))
    rates[1, 1] *= 3
    rows = []
    for u in range(n):
        stab = np.sqrt(rates[u] / 10) + np.sqrt(rates[u] / 10 + 1)
        R = rates[u] - baseline[u]
        if R.max() > 5:
            fam = R.mean(axis=2)
            t = tmi(fam[0], fam[1])
            rows.append({'unit': u, 'texture_modulation_index': t, 'absolute_texture_modulation_index': abs(t),
                         'texture_selectivity': sparseness(fam[1]), 'texture_sparseness': sparseness(R[1]),
                         'variance_ratio': variance_ratio(stab[1]), 'max_texture': R[1].max(),
                         'max_noise': R[0].max()})
    out['texture'] = {'rates': rates.reshape(n, -1).tolist(), 'rows': rows}
    return out


def fz_fixtures():
    """A complete (2 types x 15 families x 15 samples) texture set of small 40 px / 8 deg images and a
    FreemanZiemba2013_V1_properties-style assembly, for the end-to-end import test (values are synthetic)."""
    import xarray as xr
    rng = np.random.default_rng(5)
    order = [60, 56, 13, 48, 71, 18, 327, 336, 402, 38, 23, 52, 99, 393, 30]
    yy, xx = np.mgrid[0:40, 0:40] / 5.0 - 4.0
    buf = io.BytesIO()
    lines = ['stimulus_id,degrees,position_y,position_x,family,sample,type,filename']
    k = 0
    with zipfile.ZipFile(buf, 'w') as z:
        for t, kind in enumerate(['noise', 'tex']):
            for f, fam in enumerate(order):
                th = np.deg2rad(12 * f)
                sf = 0.8 + 0.1 * f
                for smp in range(1, 16):
                    phase = rng.uniform(0, 2 * np.pi)
                    carrier = np.sin(2 * np.pi * sf * (xx * np.cos(th) + yy * np.sin(th)) + phase)
                    if kind == 'tex':
                        img = 128 + 90 * carrier
                    else:
                        img = 128 + 45 * carrier + rng.normal(0, 25, carrier.shape)
                    img = np.clip(img, 0, 255).astype(np.uint8)
                    name = f'aperture_{kind}-320x320-im{fam}-smp{smp}.png'
                    b = io.BytesIO()
                    Image.fromarray(img, mode='L').save(b, format='PNG')
                    z.writestr(name, b.getvalue())
                    lines.append(f'{k},8,0.5,0.5,{f + 1},{smp},{t + 1},{name}')
                    k += 1
    open(os.path.join(OUT, 'fz_stimuli.zip'), 'wb').write(buf.getvalue())
    with open(os.path.join(OUT, 'fz_stimuli.csv'), 'w') as fcsv:
        fcsv.write('\n'.join(lines) + '\n')
    names = ['texture_modulation_index', 'absolute_texture_modulation_index', 'texture_selectivity',
             'noise_selectivity', 'texture_sparseness', 'noise_sparseness', 'variance_ratio', 'sample_variance',
             'family_variance', 'max_texture', 'max_noise']
    n = 40
    tmi_v = rng.uniform(-0.3, 0.6, n)
    values = np.column_stack([tmi_v, np.abs(tmi_v), rng.uniform(0, 1, (n, 4)), rng.uniform(0.05, 5, n),
                              rng.uniform(0, 1, (n, 2)), rng.uniform(2, 200, (n, 2))])
    da = xr.DataArray(values, dims=['neuroid', 'neuronal_property'],
                      coords={'neuroid_id': ('neuroid', np.arange(n)), 'region': ('neuroid', ['V1'] * n),
                              'neuronal_property': names})
    bins = {'max_texture': np.logspace(-1, 3, 13), 'max_noise': np.logspace(-1, 3, 13),
            'texture_modulation_index': np.linspace(-1, 1, 25), 'absolute_texture_modulation_index': np.linspace(0, 1, 13),
            'variance_ratio': np.logspace(-2, 1, 13)}
    for p in ['texture_selectivity', 'noise_selectivity', 'texture_sparseness', 'noise_sparseness',
              'sample_variance', 'family_variance']:
        bins[p] = np.linspace(0, 1, 11)
    for p, b in bins.items():
        da.attrs[p + '_bins'] = b
    da.attrs['number_of_trials'] = 20
    path = os.path.join(OUT, 'fz_assembly.nc')
    if os.path.exists(path):
        os.remove(path)
    da.to_netcdf(path)
    sha = lambda f: hashlib.sha1(open(os.path.join(OUT, f), 'rb').read()).hexdigest()
    return {'assembly_sha1': sha('fz_assembly.nc'), 'csv_sha1': sha('fz_stimuli.csv'),
            'zip_sha1': sha('fz_stimuli.zip')}


def histograms_tsv():
    """src/main/resources/benchmark/marques2020/histograms.tsv from histograms.json (same numbers, compact)."""
    res = os.path.join(os.path.dirname(__file__), '..', 'src', 'main', 'resources', 'benchmark', 'marques2020')
    d = json.load(open(os.path.join(res, 'histograms.json')))
    with open(os.path.join(res, 'histograms.tsv'), 'w') as out:
        out.write('# derived from histograms.json (see README.md); columns: dataset property scale n_rows bins counts\n')
        for ds, v in d['datasets'].items():
            for p, q in v['properties'].items():
                out.write('\t'.join([ds, p, q['scale'], str(q['n_rows']), ','.join(repr(float(b)) for b in q['bins']),
                                     ','.join(str(int(c)) for c in q['counts'])]) + '\n')


def main():
    import sys
    if '--histograms' in sys.argv:
        histograms_tsv()
        return
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20240601)
    with open(os.path.join(OUT, 'properties.json'), 'w') as f:
        json.dump(properties(rng), f)
    with open(os.path.join(OUT, 'gratings.json'), 'w') as f:
        json.dump(gratings(), f, indent=1)
    with open(os.path.join(OUT, 'experiments.json'), 'w') as f:
        json.dump(experiments(np.random.default_rng(99)), f)
    meta = {'assembly': property_assembly(), 'textures': texture_stimuli(), 'fz': fz_fixtures()}
    with open(os.path.join(OUT, 'importer.json'), 'w') as f:
        json.dump(meta, f, indent=1)


if __name__ == '__main__':
    main()
