package localrun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// startAttempts bounds how often a server is restarted when it dies during
// startup, which is what happens when another process took the free port
// between freePorts closing it and the server binding it.
const startAttempts = 3

// freePorts returns n distinct TCP ports on 127.0.0.1 that were free a moment
// ago. All listeners are open at once so the ports differ.
func freePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		defer l.Close()
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// LogBuffer is an io.Writer safe for concurrent writes: a child's stdout and
// stderr copiers, or the slog handler of a function under test.
type LogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *LogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// child is a started process in its own process group, reaped in the
// background so that exited reports its end.
type child struct {
	cmd    *exec.Cmd
	logs   *LogBuffer
	exited chan struct{} // closed once the process has been reaped
	err    error         // Wait's result, readable after exited is closed
}

// startChild starts cmd in a new process group with its combined output in a
// LogBuffer. Nothing it starts outlives this process: on Linux, cmd runs
// under a keeper (see keeper_linux.go) that the kernel signals when this
// process dies, however it dies (SIGINT, SIGTERM, SIGKILL, a panic, a test
// binary's timeout), and that then kills every process cmd started, however
// deep, before it exits.
func startChild(cmd *exec.Cmd) (*child, error) {
	c := &child{cmd: cmd, logs: &LogBuffer{}, exited: make(chan struct{})}
	cmd.Stdout = c.logs
	cmd.Stderr = c.logs
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := keep(cmd); err != nil {
		return nil, err
	}
	// A grandchild that inherits the output pipe must not keep Wait waiting.
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		c.err = cmd.Wait()
		close(c.exited)
	}()
	return c, nil
}

func (c *child) pid() int { return c.cmd.Process.Pid }

func (c *child) hasExited() bool {
	select {
	case <-c.exited:
		return true
	default:
		return false
	}
}

// stop sends sig to the child's process group, waits up to grace for the
// child to exit, then SIGKILLs the group and waits for the reaper.
func (c *child) stop(sig syscall.Signal, grace time.Duration) error {
	if c.hasExited() {
		return nil
	}
	pgid := c.pid() // Setpgid makes the child the leader of its own group
	if err := syscall.Kill(-pgid, sig); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("signal process group %d: %w", pgid, err)
	}
	select {
	case <-c.exited:
		return nil
	case <-time.After(grace):
	}
	if err := syscall.Kill(-pgid, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("kill process group %d: %w", pgid, err)
	}
	select {
	case <-c.exited:
		return nil
	case <-time.After(5 * time.Second):
		return fmt.Errorf("process %d did not exit after SIGKILL", c.pid())
	}
}

// waitReady polls ready until it reports true, the child exits, or ctx ends.
func (c *child) waitReady(ctx context.Context, what string, ready func(context.Context) bool) error {
	tick := time.NewTicker(25 * time.Millisecond)
	defer tick.Stop()
	for {
		if ready(ctx) {
			return nil
		}
		select {
		case <-c.exited:
			return fmt.Errorf("%s exited during startup (%v): %s", what, c.err, tail(c.logs.String(), 2000))
		case <-ctx.Done():
			return fmt.Errorf("%s not ready: %w", what, ctx.Err())
		case <-tick.C:
		}
	}
}

// tcpAccepts reports whether addr accepts a TCP connection.
func tcpAccepts(ctx context.Context, addr string) bool {
	d := net.Dialer{Timeout: 200 * time.Millisecond}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return false
	}
	conn.Close()
	return true
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}

// proc identifies a process by PID and start time, so that a PID reused by an
// unrelated process is never signalled.
type proc struct {
	pid   int
	start uint64
}

// procStat reads the parent PID, state and start time of pid from /proc.
func procStat(pid int) (ppid int, state byte, start uint64, err error) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0, 0, 0, err
	}
	// The command name is in parentheses and may contain anything; fields
	// after the last ')' are space separated: state ppid pgrp ... starttime(22).
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, 0, 0, fmt.Errorf("malformed /proc/%d/stat", pid)
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 20 {
		return 0, 0, 0, fmt.Errorf("malformed /proc/%d/stat", pid)
	}
	ppid, _ = strconv.Atoi(f[1])
	start, _ = strconv.ParseUint(f[19], 10, 64)
	return ppid, f[0][0], start, nil
}

// descendants lists the live descendants of pid (Linux /proc; empty
// elsewhere).
func descendants(pid int) []proc {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	children := map[int][]proc{}
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		ppid, state, start, err := procStat(p)
		if err != nil || state == 'Z' {
			continue
		}
		children[ppid] = append(children[ppid], proc{pid: p, start: start})
	}
	var out []proc
	queue := []int{pid}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, c := range children[p] {
			out = append(out, c)
			queue = append(queue, c.pid)
		}
	}
	return out
}

// alive reports whether p still runs (a zombie does not count).
func (p proc) alive() bool {
	_, state, start, err := procStat(p.pid)
	return err == nil && start == p.start && state != 'Z'
}

// kill SIGKILLs p's process group, or p alone when its group is not its own,
// provided p is still the process that was recorded.
func (p proc) kill() {
	if !p.alive() {
		return
	}
	if pgid, err := syscall.Getpgid(p.pid); err == nil && pgid == p.pid {
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		return
	}
	_ = syscall.Kill(p.pid, syscall.SIGKILL)
}

// minimalEnv returns the part of the parent environment a child needs to find
// its executables, and nothing that could point it at a real AWS account.
func minimalEnv() map[string]string {
	env := map[string]string{}
	for _, k := range []string{"PATH", "LANG", "LC_ALL", "TZ"} {
		if v, ok := os.LookupEnv(k); ok {
			env[k] = v
		}
	}
	return env
}

// envWithoutAWS returns the parent environment minus every AWS_ variable.
func envWithoutAWS() map[string]string {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(strings.ToUpper(k), "AWS_") {
			env[k] = v
		}
	}
	return env
}

// envList turns env into the KEY=value form of exec.Cmd.Env, sorted for
// reproducible diagnostics.
func envList(env map[string]string) []string {
	out := make([]string, 0, len(env))
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	slices.Sort(out)
	return out
}
