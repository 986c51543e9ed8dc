#!/usr/bin/env node
// The baseline of the media scenario: bare sharp in one process, no queue, no storage, no
// reports — the worker's own rendering code (renderVariants, same hardening, same variants) over
// the same images, one after another. Run pinned to one core by the scenario; prints JSON.
//   node bare-sharp.mjs <settings JSON> <warm-up count> <count> <image>...
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { hardenSharp } from '../../../workers/media/dist/images/sharp-hardening.js';
import { renderVariants } from '../../../workers/media/dist/images/variants.js';

const [settingsJson, warmup, count, ...paths] = process.argv.slice(2);
const settings = JSON.parse(settingsJson);
hardenSharp(settings.sharpThreads);
const images = await Promise.all(paths.map((path) => readFile(path)));
const variants = { widths: settings.widths, formats: settings.formats, maxPixels: settings.maxPixels };

for (let i = 0; i < Number(warmup); i += 1) await renderVariants(images[i % images.length], variants);
const cpuBefore = process.cpuUsage();
const started = performance.now();
let outputs = 0;
for (let i = 0; i < Number(count); i += 1) outputs += (await renderVariants(images[i % images.length], variants)).variants.length;
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
console.log(JSON.stringify({ images: Number(count), variants: outputs, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 }));
