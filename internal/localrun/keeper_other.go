//go:build !linux

package localrun

import "os/exec"

// keep leaves cmd as it is: without Linux's parent-death signal and child
// subreapers, a process started here outlives a test binary that is killed
// (Stop still ends it on a normal exit).
func keep(*exec.Cmd) error { return nil }
