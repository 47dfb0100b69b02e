package cfnresponse_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/cognito-cfn/userpoolclient/cfnresponse"
)

func ExampleSender_Send() {
	// Stands in for the pre-signed S3 ResponseURL.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var got cfnresponse.Response
		_ = json.NewDecoder(r.Body).Decode(&got)
		fmt.Println(r.Method, got.Status, got.PhysicalResourceID, got.Data["ClientId"])
	}))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s := &cfnresponse.Sender{Logger: slog.New(slog.DiscardHandler)}
	err := s.Send(ctx, srv.URL+"/stack/resource?X-Amz-Signature=example", cfnresponse.Response{
		Status:             cfnresponse.StatusSuccess,
		PhysicalResourceID: "3n4b5urk1ft4fl3mg5e2gj3nm7",
		StackID:            "arn:aws:cloudformation:us-east-1:123456789012:stack/demo/guid",
		RequestID:          "unique-id-for-create-request",
		LogicalResourceID:  "UserPoolClient",
		NoEcho:             true,
		Data:               map[string]string{"ClientId": "3n4b5urk1ft4fl3mg5e2gj3nm7"},
	})
	fmt.Println("error:", err)
	// Output:
	// PUT SUCCESS 3n4b5urk1ft4fl3mg5e2gj3nm7 3n4b5urk1ft4fl3mg5e2gj3nm7
	// error: <nil>
}

func ExampleEncode() {
	body, err := cfnresponse.Encode(cfnresponse.Response{
		Status:             cfnresponse.StatusFailed,
		Reason:             strings.Repeat("x", 10000),
		PhysicalResourceID: "id",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	var r cfnresponse.Response
	_ = json.Unmarshal(body, &r)
	fmt.Println(len(body), strings.HasSuffix(r.Reason, " (truncated)"))
	// Output: 4096 true
}

func ExampleCheckURL() {
	for _, raw := range []string{
		"https://bucket.s3.amazonaws.com/key?X-Amz-Signature=abc",
		"http://127.0.0.1:9001/key",
		"http://example.com/key?X-Amz-Signature=abc",
	} {
		_, err := cfnresponse.CheckURL(raw)
		fmt.Println(err)
	}
	// Output:
	// <nil>
	// <nil>
	// response url scheme http is only allowed for a loopback host, not "example.com"
}

func ExampleRedact() {
	fmt.Println(cfnresponse.Redact("https://bucket.s3.amazonaws.com/arn%3Aaws/key?X-Amz-Signature=abc"))
	// Output: https://bucket.s3.amazonaws.com/arn%3Aaws/key
}
