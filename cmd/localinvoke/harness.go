package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/cognito-cfn/userpoolclient/internal/localrun"
	"github.com/cognito-cfn/userpoolclient/userpoolclient"
)

// responseGrace is how long to wait for the PUT after the invoke returned
// (the function answers CloudFormation before it returns, so normally 0).
const responseGrace = time.Second

// harness is everything a local run starts.
type harness struct {
	o       options
	moto    *localrun.Moto
	catcher *localrun.Catcher
	emu     *localrun.Emulator
	poolID  string
	stderr  io.Writer
}

// startHarness starts moto, creates a user pool, and starts the catcher and
// the emulator. On error it returns what it started so far, for close.
func startHarness(ctx context.Context, o options, stderr io.Writer) (*harness, error) {
	h := &harness{o: o, stderr: stderr}
	// Resolving (and, the first time, building) the emulator overlaps moto's
	// startup.
	rie := make(chan error, 1)
	go func() {
		_, err := localrun.RIEPath(ctx)
		rie <- err
	}()
	var err error
	h.moto, err = localrun.StartMoto(ctx)
	if err != nil {
		<-rie
		return h, err
	}
	if err := <-rie; err != nil {
		return h, err
	}
	if h.poolID, err = h.moto.CreateUserPool(ctx, "localinvoke"); err != nil {
		return h, err
	}
	h.catcher = localrun.StartCatcher()
	h.emu, err = localrun.StartEmulator(ctx, localrun.EmulatorConfig{
		Bootstrap: o.bootstrap,
		Env:       h.moto.Env(),
		Timeout:   o.timeout,
	})
	if err != nil {
		return h, err
	}
	if o.verbose {
		fmt.Fprintf(stderr, "moto %s (pid %d), user pool %s, catcher %s, emulator %s (pid %d), timeout %s\n",
			h.moto.URL(), h.moto.PID(), h.poolID, h.catcher.URL(), h.emu.URL(), h.emu.PID(), o.timeout)
	}
	return h, nil
}

// close stops everything that was started, emulator first.
func (h *harness) close() error {
	var errs []error
	if h.emu != nil {
		errs = append(errs, h.emu.Stop())
	}
	if h.catcher != nil {
		errs = append(errs, h.catcher.Close())
	}
	if h.moto != nil {
		errs = append(errs, h.moto.Stop())
	}
	return errors.Join(errs...)
}

// outcome is what one request produced.
type outcome struct {
	delivered bool
	response  localrun.Response
	problems  []string // why the step is not a success
}

// step prepares raw (catcher URL, the pool, opts), sends it, and prints the
// response, the client as Cognito then describes it (the response's
// PhysicalResourceId, or the event's for a Delete), and the function's logs
// when something went wrong or with -v. It returns the event as sent.
func (h *harness) step(ctx context.Context, w io.Writer, name string, raw []byte, opts ...localrun.EventOption) (outcome, []byte, error) {
	var out outcome
	responseURL := h.catcher.NewURL()
	event, err := localrun.PrepareEvent(raw, responseURL, h.poolID, opts...)
	if err != nil {
		return out, nil, fmt.Errorf("%s: %w", name, err)
	}
	fmt.Fprintf(w, "== %s ==\n", name)

	logStart := len(h.emu.Logs())
	invokeCtx, cancel := context.WithTimeout(ctx, h.o.timeout+30*time.Second)
	defer cancel()
	result, err := h.emu.Invoke(invokeCtx, event)
	if err != nil {
		h.printLogs(w, logStart)
		return out, event, fmt.Errorf("%s: %w", name, err)
	}
	if msg, failed := localrun.FunctionError(result); failed {
		out.problems = append(out.problems, "function error: "+msg)
	}

	waitCtx, cancelWait := context.WithTimeout(ctx, responseGrace)
	defer cancelWait()
	got, err := h.catcher.Wait(waitCtx, responseURL)
	if ctx.Err() != nil {
		return out, event, ctx.Err()
	}
	out.delivered = err == nil
	out.response = got.Response
	fmt.Fprintln(w, "CloudFormation response:")
	switch {
	case out.delivered:
		fmt.Fprintln(w, indent(maskResponse(got.Body)))
	case len(got.Requests) > 0:
		fmt.Fprintf(w, "  not delivered: %d request(s), last answered %d\n", len(got.Requests), got.Status)
		out.problems = append(out.problems, "no response delivered")
	default:
		fmt.Fprintln(w, "  none")
		out.problems = append(out.problems, "no response")
	}
	if out.delivered {
		out.problems = append(out.problems, checkResponse(event, got)...)
	}

	clientID := got.Response.PhysicalResourceID
	requestType := localrun.EventString(event, "RequestType")
	if requestType == "Delete" {
		clientID = localrun.EventString(event, "PhysicalResourceId")
	}
	// A Delete whose properties adopt the client releases it instead (ExistingClientId).
	props, _ := localrun.EventField(event, "ResourceProperties")
	released := requestType == "Delete" && userpoolclient.DecodeLenient(props).Releases(clientID)
	fmt.Fprintln(w, "Cognito client:")
	exists, err := h.describe(ctx, w, clientID, requestType == "Delete" && !released)
	switch {
	case err != nil:
		fmt.Fprintf(w, "  %v\n", err)
	case out.response.Status != "SUCCESS":
	case released && !exists:
		out.problems = append(out.problems, "the adopted client was deleted instead of released")
	case requestType == "Delete" && exists && !released:
		out.problems = append(out.problems, "client still exists after a successful Delete")
	case requestType != "Delete" && !exists:
		out.problems = append(out.problems, "Cognito has no client "+clientID+" after a successful "+requestType)
	}

	for _, p := range out.problems {
		fmt.Fprintf(w, "problem: %s\n", p)
	}
	if h.o.verbose || len(out.problems) > 0 {
		h.printLogs(w, logStart)
	}
	fmt.Fprintln(w)
	return out, event, nil
}

// describe prints the client as DescribeUserPoolClient returns it, or
// "gone" (after a Delete) or "not found", and reports whether it exists.
func (h *harness) describe(ctx context.Context, w io.Writer, clientID string, deleted bool) (exists bool, err error) {
	if clientID == "" {
		return false, errors.New("no client ID to describe")
	}
	out, err := h.moto.Cognito().DescribeUserPoolClient(ctx, &cognitoidentityprovider.DescribeUserPoolClientInput{
		UserPoolId: aws.String(h.poolID),
		ClientId:   aws.String(clientID),
	})
	var notFound *types.ResourceNotFoundException
	if errors.As(err, &notFound) {
		if deleted {
			fmt.Fprintf(w, "  gone (%s)\n", clientID)
		} else {
			fmt.Fprintf(w, "  not found (%s)\n", clientID)
		}
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("describe user pool client %s: %w", clientID, err)
	}
	fmt.Fprintln(w, indent(maskClient(out.UserPoolClient)))
	return true, nil
}

func (h *harness) printLogs(w io.Writer, from int) {
	logs := h.emu.Logs()
	if from > len(logs) {
		from = 0
	}
	fmt.Fprintln(w, "function logs:")
	for _, line := range strings.Split(strings.TrimRight(logs[from:], "\n"), "\n") {
		fmt.Fprintf(w, "  %s\n", line)
	}
}

// readEvents reads the named files of the events folder, in order.
func (h *harness) readEvents(names ...string) ([][]byte, error) {
	out := make([][]byte, len(names))
	for i, name := range names {
		raw, err := os.ReadFile(filepath.Join(h.o.events, name))
		if err != nil {
			return nil, err
		}
		out[i] = raw
	}
	return out, nil
}

// demo runs Create -> Update -> Delete, chaining what CloudFormation would:
// the Create's PhysicalResourceId into the Update and the Delete, the
// Create's properties as the Update's OldResourceProperties, and the
// Update's properties into the Delete. Then it shows a rotation
// (rotationDemo, secrets.go).
func (h *harness) demo(ctx context.Context, w io.Writer) error {
	events, err := h.readEvents("create.json", "update.json", "delete.json")
	if err != nil {
		return err
	}
	create, update, del := events[0], events[1], events[2]
	var failed []string

	out, createEvent, err := h.step(ctx, w, "Create (1/3)", create)
	if err != nil {
		return err
	}
	if out.response.Status != "SUCCESS" || len(out.problems) > 0 {
		return errors.New("create did not succeed; update and delete skipped")
	}
	id := out.response.PhysicalResourceID
	createProps, _ := localrun.EventField(createEvent, "ResourceProperties")

	out, updateEvent, err := h.step(ctx, w, "Update (2/3)", update,
		localrun.WithPhysicalResourceID(id), localrun.WithOldResourceProperties(createProps))
	if err != nil {
		return err
	}
	// What the Delete carries: the properties the resource now has.
	deleteProps := createProps
	if out.response.Status == "SUCCESS" && len(out.problems) == 0 {
		deleteProps, _ = localrun.EventField(updateEvent, "ResourceProperties")
		if newID := out.response.PhysicalResourceID; newID != id {
			fmt.Fprintf(w, "note: the update replaced client %s with %s\n\n", id, newID)
			id = newID
		}
	} else {
		failed = append(failed, "update")
	}

	out, _, err = h.step(ctx, w, "Delete (3/3)", del,
		localrun.WithPhysicalResourceID(id), localrun.WithResourceProperties(deleteProps))
	if err != nil {
		return err
	}
	if out.response.Status != "SUCCESS" || len(out.problems) > 0 {
		failed = append(failed, "delete")
	}
	if len(failed) > 0 {
		return fmt.Errorf("%s did not succeed", strings.Join(failed, " and "))
	}
	if err := h.rotationDemo(ctx, w); err != nil {
		return fmt.Errorf("rotation: %w", err)
	}
	fmt.Fprintln(w, "demo: all steps SUCCESS")
	return nil
}

// checkResponse lists what CloudFormation would object to in a delivered
// response, whatever its Status.
func checkResponse(event []byte, got localrun.Captured) []string {
	var p []string
	r := got.Response
	if got.PUTs != 1 {
		p = append(p, fmt.Sprintf("%d PUTs, want exactly one", got.PUTs))
	}
	if got.DecodeErr != nil {
		p = append(p, "response body: "+got.DecodeErr.Error())
	}
	if r.PhysicalResourceID == "" {
		p = append(p, "empty PhysicalResourceId")
	}
	for _, f := range []struct{ key, got string }{
		{"StackId", r.StackID}, {"RequestId", r.RequestID}, {"LogicalResourceId", r.LogicalResourceID},
	} {
		if want := localrun.EventString(event, f.key); f.got != want {
			p = append(p, fmt.Sprintf("%s %q, want %q echoed", f.key, f.got, want))
		}
	}
	return p
}
