package userpoolclient

import (
	"regexp"
	"strings"
)

var nameUnsafe = regexp.MustCompile(`[^\w\s+=,.@-]+`)

// DefaultClientName is the name given to a client whose ClientName is absent: the stack's
// name and the resource's logical ID ("my-stack-WebClient"), cut to 128 characters. It is
// stable across updates, so an absent ClientName never renames the client.
func DefaultClientName(stackID, logicalID string) string {
	stack := stackID
	// arn:aws:cloudformation:us-east-1:123456789012:stack/my-stack/guid
	if _, rest, ok := strings.Cut(stackID, ":stack/"); ok {
		stack, _, _ = strings.Cut(rest, "/")
	}
	name := strings.Trim(nameUnsafe.ReplaceAllString(stack+"-"+logicalID, "-"), "-")
	if r := []rune(name); len(r) > 128 {
		name = string(r[:128])
	}
	if name == "" {
		return "UserPoolClient"
	}
	return name
}

var clientIDPattern = regexp.MustCompile(`^[\w+]+$`)

// IsClientID reports whether s can be a Cognito app client ID (1–128 characters of
// [\w+]). The marker PhysicalResourceId of a failed Create is not.
func IsClientID(s string) bool {
	return len(s) <= 128 && clientIDPattern.MatchString(s)
}

// IsUserPoolID reports whether s can be a user pool ID.
func IsUserPoolID(s string) bool {
	return len(s) <= 55 && userPoolIDPattern.MatchString(s)
}
