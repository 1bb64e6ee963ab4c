/**
 * The optimizer's runtime side: the automatic memory tuner. {@link dev.lit.linux.optimize.TuningPolicy}
 * decides from readings alone (pure, tested against recorded readings); {@link dev.lit.linux.optimize.MemoryFiles}
 * reads and writes a container's memory cgroup (v2 and v1); {@link dev.lit.linux.optimize.MemoryTuner} runs
 * the two on a virtual thread per container. Image slimming ({@code shrink_image}):
 * {@link dev.lit.linux.optimize.SlimImages} (where slim trees live, when starts use them),
 * {@link dev.lit.linux.optimize.SlimJob} (the low-priority background build),
 * {@link dev.lit.linux.optimize.ImageSlimmer} (squash, leftovers, dedup) and
 * {@link dev.lit.linux.optimize.Leftovers} (the documented list applied to a tree).
 */
@NullMarked
package dev.lit.linux.optimize;

import org.jspecify.annotations.NullMarked;
