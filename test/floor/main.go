// Command floor is a do-nothing AWS Lambda bootstrap for the
// Custom::UserPoolClient protocol: it answers every CloudFormation custom
// resource event with SUCCESS (PhysicalResourceId "floor") by PUTting to the
// event's ResponseURL, and returns.
//
// It touches no AWS service, so it is the performance floor for benchmarks of
// the real bootstrap and the test subject of the internal/localrun harness.
// Build it like the real one:
//
//	go build -trimpath -ldflags='-s -w -buildid=' -tags lambda.norpc -o bootstrap ./test/floor
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
)

// request holds the few fields of a CloudFormation custom resource request
// that the floor echoes.
type request struct {
	RequestType       string `json:"RequestType"`
	ResponseURL       string `json:"ResponseURL"`
	StackID           string `json:"StackId"`
	RequestID         string `json:"RequestId"`
	LogicalResourceID string `json:"LogicalResourceId"`
}

// response is the body CloudFormation expects at the ResponseURL.
type response struct {
	Status             string `json:"Status"`
	Reason             string `json:"Reason,omitempty"`
	PhysicalResourceID string `json:"PhysicalResourceId"`
	StackID            string `json:"StackId"`
	RequestID          string `json:"RequestId"`
	LogicalResourceID  string `json:"LogicalResourceId"`
}

var logger = lambdacontext.NewLogger()

func handle(ctx context.Context, raw json.RawMessage) error {
	var req request
	if err := json.Unmarshal(raw, &req); err != nil {
		return fmt.Errorf("decode event: %w", err)
	}
	if req.ResponseURL == "" {
		return fmt.Errorf("event has no ResponseURL")
	}
	body, err := json.Marshal(response{
		Status:             "SUCCESS",
		Reason:             "floor",
		PhysicalResourceID: "floor",
		StackID:            req.StackID,
		RequestID:          req.RequestID,
		LogicalResourceID:  req.LogicalResourceID,
	})
	if err != nil {
		return err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPut, req.ResponseURL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("build response request: %w", err)
	}
	// CloudFormation's pre-signed S3 URL is signed for an empty Content-Type.
	hreq.Header.Del("Content-Type")
	resp, err := http.DefaultClient.Do(hreq)
	if err != nil {
		return fmt.Errorf("put response: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("put response: HTTP %d", resp.StatusCode)
	}
	logger.InfoContext(ctx, "responded", "requestType", req.RequestType, "status", "SUCCESS")
	return nil
}

func main() {
	lambda.Start(handle)
}
