package cdk

import "fmt"

// PropsError is the panic value of a [Provider] given invalid props (clients and lookups report
// theirs as validation errors instead; see [Synth]). It names the construct
// by its path; Err names each property by its path (CallbackURLs[1], AnalyticsConfiguration.RoleArn)
// and is a *userpoolclient.ValidationError when the resource's own rules are broken.
type PropsError struct {
	Path string
	Err  error
}

func (e *PropsError) Error() string { return fmt.Sprintf("%s: invalid props: %v", e.Path, e.Err) }

func (e *PropsError) Unwrap() error { return e.Err }
