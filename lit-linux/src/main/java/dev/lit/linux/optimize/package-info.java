/**
 * The optimizer's runtime side: the automatic memory tuner. {@link dev.lit.linux.optimize.TuningPolicy}
 * decides from readings alone (pure, tested against recorded readings); {@link dev.lit.linux.optimize.MemoryFiles}
 * reads and writes a container's memory cgroup (v2 and v1); {@link dev.lit.linux.optimize.MemoryTuner} runs
 * the two on a virtual thread per container.
 */
@NullMarked
package dev.lit.linux.optimize;

import org.jspecify.annotations.NullMarked;
