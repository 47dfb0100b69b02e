package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// bootstrapPID returns the PID of the process running the executable exe among the
// descendants of pid (the emulator starts the bootstrap as its child on the first invoke).
func bootstrapPID(pid int, exe string) (int, error) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0, err
	}
	children := map[int][]int{}
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if ppid, err := parentPID(p); err == nil {
			children[ppid] = append(children[ppid], p)
		}
	}
	want, err := filepath.EvalSymlinks(exe)
	if err != nil {
		return 0, err
	}
	queue := []int{pid}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, c := range children[p] {
			if got, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", c)); err == nil && got == want {
				return c, nil
			}
			queue = append(queue, c)
		}
	}
	return 0, fmt.Errorf("no process runs %s under pid %d", exe, pid)
}

// parentPID reads the parent PID from /proc/<pid>/stat ("pid (comm) state ppid ...", comm
// may hold spaces and parentheses).
func parentPID(pid int) (int, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, fmt.Errorf("/proc/%d/stat: no comm", pid)
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 2 {
		return 0, fmt.Errorf("/proc/%d/stat: too short", pid)
	}
	return strconv.Atoi(f[1])
}

// peakRSS returns the peak resident set size of pid in bytes (VmHWM of /proc/<pid>/status):
// the most memory the process has held at once since it started.
func peakRSS(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		// VmHWM:	   12345 kB
		if v, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			f := strings.Fields(v)
			if len(f) != 2 || f[1] != "kB" {
				return 0, fmt.Errorf("unexpected VmHWM line %q", s.Text())
			}
			kb, err := strconv.ParseInt(f[0], 10, 64)
			return kb * 1024, err
		}
	}
	if err := s.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("/proc/%d/status has no VmHWM", pid)
}
