#!/usr/bin/python3
"""Writes BrainIO-style NeuronRecordingAssemblies (netCDF4 via xarray) and their stimulus sets (csv + zip of PNGs)
for the importer tests. Synthetic values, test-only. Run with Debian's python3 (python3-xarray, python3-netcdf4):

    /usr/bin/python3 tools/predictivity_brainio_fixture.py                 # the committed test fixtures
    /usr/bin/python3 tools/predictivity_brainio_fixture.py --verification DIR  # a 135 x 20 x 40 x 300 set (~260 MB)

Committed outputs, src/test/resources/fixtures/predictivity/brainio/:
  assembly.nc, assembly_transposed.nc, assembly_no_repetition.nc, stimuli.csv/.zip
      a tiny 6-image set written with plain ``DataArray.to_netcdf`` (contiguous storage)
  bs_compressed.nc       a 60-image x 10-repetition x 20-neuroid x 300-bin (1 ms) set written as Brain-Score's
                         ``brainio.packaging.write_netcdf`` writes it by default (``compress=True``: the assembly
                         becomes a Dataset with the variable ``data``; zlib level 1, netCDF4's default chunking and
                         shuffle), 28.8 MB of doubles, so netCDF-C splits it into 2 x 2 x 2 chunks of (300, 10, 150). netCDF-C >= 4.9 cannot
                         filter variable-length strings, so the string coordinates are stored uncompressed
  bs_uncompressed.nc.gz  the same assembly with ``write_netcdf(..., compress=False)`` (``to_netcdf``, contiguous),
                         gzipped only to keep the committed file small; the test gunzips it to the bytes xarray wrote
  bs_stimuli.csv/.zip, bs_stimuli_shuffled.csv  its stimulus set (the shuffled csv lists the rows in random order)
  bs_expected.json       sums and checksums of the window-averaged responses, computed here with numpy
and src/test/resources/fixtures/marques2020/property_assembly_compressed.nc: the PropertyAssembly of
tools/marques_reference.py (same values) written with ``write_netcdf``'s compressed form.
"""
import gzip
import hashlib
import io
import json
import os
import shutil
import sys
import zipfile

import numpy as np
import xarray as xr
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "src", "test", "resources", "fixtures")
OUT = os.path.join(FIXTURES, "predictivity", "brainio")


def write_netcdf(assembly, path, compress=True):
    """Brain-Score's brainio.packaging.write_netcdf (brain-score/brainio, packaging.py), re-stated: reset the
    indexes, drop attributes netCDF cannot hold, then either compress every variable (zlib, level 1) of the
    Dataset named 'data' or write the DataArray as is."""
    assembly = assembly.copy()
    assembly = assembly.reset_index(list(assembly.indexes))
    for name in list(assembly.attrs):
        if isinstance(assembly.attrs[name], (xr.DataArray,)):
            del assembly.attrs[name]
    if os.path.exists(path):
        os.remove(path)
    if compress:
        ds = assembly.to_dataset(name="data")
        compression = dict(zlib=True, complevel=1)
        # netCDF-C >= 4.9 refuses filters on variable-length strings ("NetCDF: Filter error"), so the string
        # coordinates stay uncompressed; every numeric variable (the data, repetition, time bins) is compressed
        ds.to_netcdf(path, encoding={var: compression for var in ds.variables if ds[var].dtype.kind not in "OUS"})
    else:
        assembly.to_netcdf(path)


def tiny():
    rng = np.random.RandomState(5)
    stimuli = ["img%d" % i for i in range(6)]
    types = ["texture" if i % 2 == 0 else "noise" for i in range(6)]
    reps = 3
    pres_stim = [s for r in range(reps) for s in stimuli]
    pres_rep = [r for r in range(reps) for _ in stimuli]
    starts = np.arange(0, 250, 50)
    data = rng.poisson(2.0, size=(len(pres_stim), 4, len(starts))).astype("float64")
    da = xr.DataArray(data, dims=["presentation", "neuroid", "time_bin"], coords={
        "stimulus_id": ("presentation", pres_stim), "repetition": ("presentation", pres_rep),
        "texture_type": ("presentation", [types[stimuli.index(s)] for s in pres_stim]),
        "neuroid_id": ("neuroid", ["n0", "n1", "n2", "n3"]), "region": ("neuroid", ["V1", "V1", "V2", "V1"]),
        "time_bin_start": ("time_bin", starts), "time_bin_end": ("time_bin", starts + 50)})
    da.to_netcdf(os.path.join(OUT, "assembly.nc"))
    da.transpose("neuroid", "time_bin", "presentation").to_netcdf(os.path.join(OUT, "assembly_transposed.nc"))
    da.drop_vars("repetition").to_netcdf(os.path.join(OUT, "assembly_no_repetition.nc"))
    write_stimuli(OUT, "stimuli", stimuli, types, [np.full((8, 8), 40 * i, dtype=np.uint8) for i in range(6)])


def write_stimuli(out, name, stimuli, types, images, order=None):
    rows = list(range(len(stimuli))) if order is None else order
    with open(os.path.join(out, name + ".csv"), "w") as f:
        f.write("stimulus_id,filename,texture_type\n")
        for i in rows:
            f.write("%s,%s.png,%s\n" % (stimuli[i], stimuli[i], types[i]))
    if order is not None:
        return
    with zipfile.ZipFile(os.path.join(out, name + ".zip"), "w") as z:
        for s, img in zip(stimuli, images):
            buf = io.BytesIO()
            Image.fromarray(img).convert("RGB").save(buf, format="PNG")
            z.writestr(s + ".png", buf.getvalue())


def textures(rng, n, size):
    """n grayscale images: even = oriented 'texture' (a few gratings), odd = band-pass 'noise'."""
    yy, xx = np.mgrid[0:size, 0:size] / size
    images, types = [], []
    for i in range(n):
        if i % 2 == 0:
            img = np.zeros((size, size))
            for _ in range(3):
                th, f, ph = rng.uniform(0, np.pi), rng.uniform(2, 10), rng.uniform(0, 2 * np.pi)
                img += rng.uniform(0.3, 1) * np.cos(2 * np.pi * f * (xx * np.cos(th) + yy * np.sin(th)) + ph)
            types.append("texture")
        else:
            spec = np.fft.fft2(rng.normal(size=(size, size)))
            fy, fx = np.meshgrid(np.fft.fftfreq(size), np.fft.fftfreq(size), indexing="ij")
            r = np.hypot(fx, fy)
            spec *= np.exp(-((r - rng.uniform(0.03, 0.15)) / 0.04) ** 2)
            img = np.real(np.fft.ifft2(spec))
            types.append("noise")
        img = img / (np.abs(img).max() + 1e-9)
        images.append(np.clip(128 + 100 * img, 0, 255).astype(np.uint8))
    return images, types


def recordings(rng, images, reps, neuroids, v2, bins):
    """Poisson spike counts in 1-ms bins: rate = base + gain * (Gabor energy of the image) * temporal profile."""
    size = images[0].shape[0]
    yy, xx = (np.mgrid[0:size, 0:size] - size / 2) / size
    filters = []
    for _ in range(neuroids + v2):
        th, f, s = rng.uniform(0, np.pi), rng.uniform(2, 8), rng.uniform(0.1, 0.3)
        cx, cy = rng.uniform(-0.2, 0.2, 2)
        env = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * s * s))
        u = (xx - cx) * np.cos(th) + (yy - cy) * np.sin(th)
        filters.append((env * np.cos(2 * np.pi * f * u), env * np.sin(2 * np.pi * f * u)))
    x = [(im.astype(float) - 128) / 128 for im in images]
    drive = np.array([[np.hypot((a * im).sum(), (b * im).sum()) for a, b in filters] for im in x])
    drive /= drive.max(axis=0, keepdims=True)
    t = np.arange(bins) + 0.5
    profile = np.exp(-0.5 * ((t - 110) / 45) ** 2)  # spikes/ms shape, peak 110 ms
    rate = 0.005 + 0.08 * drive[:, :, None] * profile[None, None, :]  # images x neuroids x bins, spikes per ms
    n_img = len(images)
    pres_stim = np.array([s for r in range(reps) for s in range(n_img)])
    pres_rep = np.array([r for r in range(reps) for _ in range(n_img)])
    counts = rng.poisson(rate[pres_stim]).astype("float64")
    return counts, pres_stim, pres_rep


def assembly(counts, ids, pres_stim, pres_rep, neuroids, v2):
    bins = counts.shape[2]
    region = ["V1"] * neuroids + ["V2"] * v2
    return xr.DataArray(counts, dims=["presentation", "neuroid", "time_bin"], coords={
        "stimulus_id": ("presentation", [ids[s] for s in pres_stim]),
        "repetition": ("presentation", pres_rep),
        "neuroid_id": ("neuroid", ["n%02d" % n for n in range(neuroids + v2)]),
        "region": ("neuroid", region),
        "time_bin_start": ("time_bin", np.arange(bins)),
        "time_bin_end": ("time_bin", np.arange(bins) + 1)})


def brain_score_written():
    rng = np.random.RandomState(2013)
    n_img, reps, neuroids, v2, bins = 60, 10, 16, 4, 300
    images, types = textures(rng, n_img, 32)
    ids = ["bs%02d" % i for i in range(n_img)]
    counts, pres_stim, pres_rep = recordings(rng, images, reps, neuroids, v2, bins)
    da = assembly(counts, ids, pres_stim, pres_rep, neuroids, v2)
    write_netcdf(da, os.path.join(OUT, "bs_compressed.nc"), compress=True)
    plain = os.path.join(OUT, "bs_uncompressed.nc")
    write_netcdf(da, plain, compress=False)
    with open(plain, "rb") as src, gzip.GzipFile(plain + ".gz", "wb", mtime=0) as dst:
        shutil.copyfileobj(src, dst)
    raw_sha1 = hashlib.sha1(open(plain, "rb").read()).hexdigest()
    os.remove(plain)
    write_stimuli(OUT, "bs_stimuli", ids, types, images)
    write_stimuli(OUT, "bs_stimuli_shuffled", ids, types, images, order=list(rng.permutation(n_img)))
    window = counts[:, :neuroids, 50:200].mean(axis=2)  # V1, bins [50,51) .. [199,200)
    ds = xr.open_dataset(os.path.join(OUT, "bs_compressed.nc"))
    enc = ds["data"].encoding
    expected = {
        "presentations": int(counts.shape[0]), "neuroids": neuroids, "stimuli": n_img, "repetitions": reps,
        "time_bins": bins, "elements": int(counts.size), "sum_all": float(counts.sum()),
        "sum_window_v1": float(window.sum()), "window_v1_first_row": window[0].tolist(),
        "window_v1_last_row": window[-1].tolist(), "uncompressed_sha1": raw_sha1,
        "compressed_chunksizes": [int(c) for c in enc["chunksizes"]], "compressed_zlib": bool(enc["zlib"]),
        "compressed_shuffle": bool(enc["shuffle"])}
    with open(os.path.join(OUT, "bs_expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print("bs_compressed.nc encoding", {k: enc[k] for k in ("zlib", "shuffle", "complevel", "chunksizes")})


def property_assembly_compressed():
    """tools/marques_reference.py's property_assembly() values, written in write_netcdf's compressed form."""
    rng = np.random.default_rng(7)
    names = ["circular_variance", "bandwidth", "max_dc"]
    values = np.column_stack([rng.uniform(0, 1, 6), rng.uniform(5, 80, 6), rng.uniform(1, 100, 6)])
    values[2, 1] = np.nan
    da = xr.DataArray(values, dims=["neuroid", "neuronal_property"],
                      coords={"neuroid_id": ("neuroid", np.arange(6)), "region": ("neuroid", ["V1"] * 6),
                              "neuronal_property": names})
    da.attrs["circular_variance_bins"] = np.linspace(0, 1, 14)
    da.attrs["bandwidth_bins"] = np.linspace(0, 90, 18)
    da.attrs["max_dc_bins"] = np.logspace(0, 3, 10)
    da.attrs["number_of_trials"] = 20
    write_netcdf(da, os.path.join(FIXTURES, "marques2020", "property_assembly_compressed.nc"), compress=True)


def verification(out):
    """The issue-16 verification set: 135 images x 20 repetitions x 40 V1 neuroids x 300 1-ms bins, 4 degrees,
    compressed and uncompressed, with the csv in order and shuffled. Not committed (about 260 MB uncompressed)."""
    os.makedirs(out, exist_ok=True)
    rng = np.random.RandomState(135)
    n_img, reps, neuroids, bins = 135, 20, 40, 300
    images, types = textures(rng, n_img, 64)
    ids = ["fz%03d" % i for i in range(n_img)]
    counts, pres_stim, pres_rep = recordings(rng, images, reps, neuroids, 0, bins)
    da = assembly(counts, ids, pres_stim, pres_rep, neuroids, 0)
    write_netcdf(da, os.path.join(out, "assembly_compressed.nc"), compress=True)
    write_netcdf(da, os.path.join(out, "assembly_uncompressed.nc"), compress=False)
    write_stimuli(out, "stimuli", ids, types, images)
    write_stimuli(out, "stimuli_shuffled", ids, types, images, order=list(rng.permutation(n_img)))
    for f in sorted(os.listdir(out)):
        p = os.path.join(out, f)
        print(f, os.path.getsize(p), hashlib.sha1(open(p, "rb").read()).hexdigest())


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--verification":
        verification(sys.argv[2])
    else:
        os.makedirs(OUT, exist_ok=True)
        tiny()
        brain_score_written()
        property_assembly_compressed()
