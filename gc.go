package main

import (
	"os"
	"runtime/debug"
)

// An export is a short burst that allocates a few times its live heap
// (fpdf alone makes a new compressor, most of a megabyte, for every
// stream) and then exits. At the default pace (GOGC=100) the collector
// runs seven times for the seed article and takes a sixth of the CPU;
// at 200 it runs three times, for a few megabytes more at the peak (400
// saves little more and comes near the 40 MB the seed should stay
// under). The soft limit makes the collector work harder again should a
// big batch bring the heap near it. GOGC and GOMEMLIMIT set by the user
// win.
const (
	gcPercent   = 200
	memoryLimit = 1 << 30
)

func init() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(memoryLimit)
	}
}
