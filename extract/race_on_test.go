//go:build race

package extract

// raceOn: the race detector slows extraction ten-fold; the 10 MB memory
// test is then skipped (run it with `go test -run Memory ./extract/`).
const raceOn = true
