//go:build !race

package dryrun

// raceEnabled says the race detector is on: goja then runs about ten times
// slower, so tests of the time budget cannot hold.
const raceEnabled = false
