// Command cfnlintrules prints the cfn-lint custom rules generated from the
// Custom::UserPoolClient model (package lint), for `cfn-lint -z FILE`:
//
//	go run ./cmd/cfnlintrules > build/cfn-lint-rules.txt
//	cfn-lint -z build/cfn-lint-rules.txt -- template.yaml templates/*.yaml
package main

import (
	"fmt"
	"os"

	"github.com/cognito-cfn/userpoolclient/lint"
)

func main() {
	if len(os.Args) > 1 {
		fmt.Fprintln(os.Stderr, "usage: cfnlintrules > rules.txt")
		os.Exit(2)
	}
	if _, err := os.Stdout.WriteString(lint.Rules()); err != nil {
		fmt.Fprintln(os.Stderr, "cfnlintrules:", err)
		os.Exit(1)
	}
}
