#!/usr/bin/python3
"""Writes a tiny BrainIO-style NeuronRecordingAssembly (netCDF4 via xarray) and its stimulus set (csv + zip of
PNGs) for the importer tests: src/test/resources/fixtures/predictivity/brainio/. Synthetic values, test-only."""
import io
import os
import zipfile

import numpy as np
import xarray as xr
from PIL import Image

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "predictivity", "brainio")
os.makedirs(OUT, exist_ok=True)
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
with open(os.path.join(OUT, "stimuli.csv"), "w") as f:
    f.write("stimulus_id,filename,texture_type\n")
    for s, t in zip(stimuli, types):
        f.write("%s,%s.png,%s\n" % (s, s, t))
with zipfile.ZipFile(os.path.join(OUT, "stimuli.zip"), "w") as z:
    for i, s in enumerate(stimuli):
        buf = io.BytesIO()
        Image.fromarray(np.full((8, 8), 40 * i, dtype=np.uint8)).convert("RGB").save(buf, format="PNG")
        z.writestr(s + ".png", buf.getvalue())
print(xr.open_dataset(os.path.join(OUT, "assembly.nc")))
