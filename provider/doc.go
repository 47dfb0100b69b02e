// Package provider serves the CloudFormation custom resources Custom::UserPoolClient and
// Custom::UserPoolClientLookup: it decides what each request means for a Cognito user pool
// client (create, update in place, replace, heal, delete, look up, nothing), acts through a
// small Cognito interface, and answers CloudFormation exactly once, before the deadline,
// whatever happens.
//
// The request and response it implements:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html
package provider
