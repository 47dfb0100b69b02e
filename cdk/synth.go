package cdk

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"
)

// SynthError is a synthesis that failed, most often because constructs reported validation
// errors; Error is CDK's own report, one line per error, each naming the construct's path:
//
//	Validation failed with the following errors:
//	  [Stack/Web] OAuth.CallbackUrls[0] (CallbackURLs[0]): must use https ...
//	  [Stack/Api] UserPool (UserPoolId): required ...
type SynthError struct{ Report string }

func (e *SynthError) Error() string { return e.Report }

// Synth is app.Synth returning an error instead of panicking, so that a CDK app's main can
// print the report and exit without a goroutine dump:
//
//	if _, err := cdk.Synth(app, nil); err != nil {
//		fmt.Fprintln(os.Stderr, err)
//		os.Exit(1)
//	}
func Synth(app awscdk.App, opts *awscdk.StageSynthesisOptions) (assembly cxapi.CloudAssembly, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &SynthError{Report: synthReport(r)}
		}
	}()
	return app.Synth(opts), nil
}

// synthReport is the message of what app.Synth panicked with, without the JavaScript stack
// jsii appends to it.
func synthReport(r any) string {
	msg := fmt.Sprint(r)
	// jsii adds the Node.js stack ("\n    at ...") after the message.
	var keep []string
	for _, line := range strings.Split(msg, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "at ") {
			break
		}
		keep = append(keep, line)
	}
	return strings.TrimSpace(strings.Join(keep, "\n"))
}
