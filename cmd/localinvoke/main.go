// Command localinvoke runs the Custom::UserPoolClient bootstrap on this
// machine the way CloudFormation and Lambda would, with local stand-ins for
// AWS: moto's server for Amazon Cognito, the Lambda Runtime Interface
// Emulator for Lambda, and a loopback catcher for the pre-signed S3
// ResponseURL. It is this project's `sam local invoke`.
//
// Usage:
//
//	localinvoke -event events/update.json   # one event
//	localinvoke -demo                       # Create -> Update -> Delete, then a rotation
//
// With -event, an Update or Delete of a client first gets a client to act on,
// created through the function from the event's OldResourceProperties (or,
// for a Delete, its ResourceProperties), and its ID is put in the event; a
// lookup first gets the client it finds. The event file is read and checked
// before anything starts.
//
// For each request it prints the CloudFormation response the function sent
// and the client as Cognito then describes it (secrets masked), and the
// function's log lines when something failed or with -v.
//
// Exit status: 0 when every response is the expected one (-expect, SUCCESS
// by default; -demo always expects SUCCESS); 1 when a response is not, when
// no response was delivered, or on a harness error; 2 on bad usage or an
// unreadable event file; 130 when interrupted.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

type options struct {
	bootstrap string
	event     string
	demo      bool
	events    string
	timeout   time.Duration
	verbose   bool
	expect    string
}

const (
	exitOK          = 0
	exitFailed      = 1
	exitUsage       = 2
	exitInterrupted = 130
)

func main() {
	var o options
	fs := flag.NewFlagSet("localinvoke", flag.ContinueOnError)
	fs.StringVar(&o.bootstrap, "bootstrap", "build/host/bootstrap", "host-architecture bootstrap to run (make build-host)")
	fs.StringVar(&o.event, "event", "", "run one CloudFormation request `file`")
	fs.BoolVar(&o.demo, "demo", false, "run Create -> Update -> Delete, then a rotation (create with storage, rotate, roll back, delete), from the -events directory")
	fs.StringVar(&o.events, "events", "events", "`directory` holding create.json, update.json, delete.json, create-with-storage.json, rotate.json and rollback-rotation.json for -demo")
	fs.DurationVar(&o.timeout, "timeout", 60*time.Second, "function timeout (whole seconds)")
	fs.BoolVar(&o.verbose, "v", false, "print the function's log lines for every step")
	fs.StringVar(&o.expect, "expect", "SUCCESS", "the `status` the -event answer must have: SUCCESS or FAILED")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: localinvoke (-event FILE | -demo) [flags]\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(exitOK)
		}
		os.Exit(exitUsage)
	}
	if fs.NArg() > 0 || o.demo == (o.event != "") || o.timeout < time.Second || (o.expect != "SUCCESS" && o.expect != "FAILED") {
		fs.Usage()
		os.Exit(exitUsage)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, o, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run does the work and returns the exit status; everything it starts is
// stopped before it returns, whatever the path.
func run(ctx context.Context, o options, stdout, stderr io.Writer) (code int) {
	defer func() {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "localinvoke: interrupted")
			code = exitInterrupted
		}
	}()
	var ev sampleEvent
	if !o.demo {
		var err error
		if ev, err = loadEvent(o.event); err != nil {
			fmt.Fprintf(stderr, "localinvoke: %v\n", err)
			return exitUsage
		}
	}
	if err := checkBootstrap(o.bootstrap); err != nil {
		fmt.Fprintf(stderr, "localinvoke: %v\n", err)
		return exitFailed
	}
	h, err := startHarness(ctx, o, stderr)
	if h != nil {
		defer func() {
			if err := h.close(); err != nil {
				fmt.Fprintf(stderr, "localinvoke: %v\n", err)
				if code == exitOK {
					code = exitFailed
				}
			}
		}()
	}
	if err != nil {
		fmt.Fprintf(stderr, "localinvoke: %v\n", err)
		return exitFailed
	}
	if o.demo {
		err = h.demo(ctx, stdout)
	} else {
		err = h.single(ctx, stdout, ev)
	}
	if err != nil {
		fmt.Fprintf(stderr, "localinvoke: %v\n", err)
		return exitFailed
	}
	return exitOK
}

func checkBootstrap(path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("bootstrap %s not found: build it with `make build-host`", path)
	}
	if err != nil {
		return err
	}
	if fi.IsDir() || fi.Mode().Perm()&0o111 == 0 {
		return fmt.Errorf("bootstrap %s is not an executable file", path)
	}
	return nil
}
