package localrun

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// The keeper is this very executable (a test binary, or cmd/localinvoke) run
// again with keeperEnv set: before main, init turns it into a small
// supervisor of one command. It is what makes "nothing survives the test
// binary" hold for grandchildren too: the emulator starts the bootstrap in a
// process group of its own, so neither a signal to the emulator's group nor
// the emulator's own parent-death signal reaches it.
//
//   - The kernel sends the keeper SIGTERM when its parent dies
//     (PR_SET_PDEATHSIG, set between fork and exec, so there is no window).
//   - The keeper is a child subreaper (PR_SET_CHILD_SUBREAPER): a process
//     whose parent dies below it is re-parented to the keeper, not to init,
//     so the keeper can always find every descendant in /proc.
//   - The command runs with SIGKILL as its own parent-death signal, so even a
//     SIGKILLed keeper takes its direct child along.
//   - On SIGTERM, SIGINT or SIGHUP, or when the command exits, the keeper
//     SIGKILLs every descendant and exits (with the command's status).
const (
	keeperEnv       = "LOCALRUN_KEEPER"        // "1" in a keeper
	keeperParentEnv = "LOCALRUN_KEEPER_PARENT" // the PID that started the keeper
)

const (
	prSetPdeathsig      = 1  // PR_SET_PDEATHSIG, linux/prctl.h
	prSetChildSubreaper = 36 // PR_SET_CHILD_SUBREAPER, linux/prctl.h
)

func init() {
	if os.Getenv(keeperEnv) == "1" {
		os.Exit(runKeeper(os.Args[1:]))
	}
}

// keep rewrites cmd to run under a keeper.
func keep(cmd *exec.Cmd) error {
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find this executable to keep %s under: %w", cmd.Path, err)
	}
	env := cmd.Env
	if env == nil {
		env = os.Environ()
	}
	cmd.Env = append(slices.Clone(env), keeperEnv+"=1", keeperParentEnv+"="+strconv.Itoa(os.Getpid()))
	cmd.Args = append([]string{self, cmd.Path}, cmd.Args[1:]...)
	cmd.Path = self
	cmd.SysProcAttr.Pdeathsig = syscall.SIGTERM
	return nil
}

// runKeeper runs args[0] with args[1:] and returns its exit status; see keeperEnv.
func runKeeper(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "localrun keeper: no command")
		return 2
	}
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); errno != 0 {
		fmt.Fprintln(os.Stderr, "localrun keeper: PR_SET_CHILD_SUBREAPER:", errno)
		return 2
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	// The parent may have died before the parent-death signal was armed.
	if strconv.Itoa(os.Getppid()) != os.Getenv(keeperParentEnv) {
		return 1
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, keeperEnv+"=") || strings.HasPrefix(kv, keeperParentEnv+"=")
	})
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "localrun keeper:", err)
		return 127
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
		killDescendants()
	case <-sigs:
		killDescendants()
		err = <-done
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		return exit.ExitCode()
	}
	return 1
}

// killDescendants SIGKILLs every process below this one until none is left:
// a process may start another while the first round is under way.
func killDescendants() {
	for range 50 {
		kids := descendants(os.Getpid())
		if len(kids) == 0 {
			return
		}
		for _, k := range kids {
			if k.alive() {
				_ = syscall.Kill(k.pid, syscall.SIGKILL)
			}
		}
		// Reap what was re-parented here, so that it leaves /proc.
		for {
			pid, err := syscall.Wait4(-1, nil, syscall.WNOHANG, nil)
			if pid <= 0 || err != nil {
				break
			}
		}
	}
}
