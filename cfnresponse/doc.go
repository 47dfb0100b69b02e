// Package cfnresponse sends the answer of an AWS CloudFormation custom
// resource to the pre-signed S3 ResponseURL of the request, as described in
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html.
//
// It replaces the response code of github.com/aws/aws-lambda-go/cfn and adds
// what that code lacks:
//
//   - [Encode] caps the body at [MaxBodyBytes] (the CloudFormation limit) by
//     cutting Reason on a rune boundary, or, when Data alone is too large, by
//     dropping Data and reporting FAILED;
//   - [Sender.Send] retries network errors, timeouts and HTTP 5xx/429 with
//     jittered exponential backoff (internal/backoff, shared with the Cognito
//     calls), bounded by an attempt count and by the
//     context's deadline, and stops at once on any other 4xx;
//   - [Response.NoEcho] masks the output of Fn::GetAtt for the resource.
//
// A ResponseURL is a bearer credential: its query string is the signature.
// Only its [Redact] form (scheme, host and path) is ever logged or put in an
// error returned by this package.
package cfnresponse
