// Command hang is a Lambda bootstrap whose handler never returns on its own:
// it waits for its context, which the Lambda deadline ends, then sleeps on so
// that only the emulator's kill ends it. It tests the harness's handling of
// timeouts and interrupted runs.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
)

func main() {
	lambda.Start(func(ctx context.Context, _ json.RawMessage) error {
		fmt.Println("hanging")
		<-ctx.Done()
		time.Sleep(time.Hour)
		return nil
	})
}
