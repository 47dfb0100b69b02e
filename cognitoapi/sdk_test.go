package cognitoapi

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cognito-cfn/userpoolclient/internal/fixture"
)

func TestLoad(t *testing.T) {
	log, _ := fixture.NewLogger()
	ctx := testCtx(t)

	t.Run("a configuration failure is returned and tried again", func(t *testing.T) {
		tries := 0
		get := Load(log, DefaultRetryPolicy, LoadConfig(func(*config.LoadOptions) error {
			tries++
			return errors.New("no region")
		}))
		for range 2 {
			c, err := get(ctx)
			assert.Nil(t, c)
			assert.ErrorContains(t, err, "no region")
		}
		assert.Equal(t, 2, tries)
	})

	t.Run("a credential failure is returned", func(t *testing.T) {
		get := Load(log, DefaultRetryPolicy, LoadConfig(config.WithRegion("us-east-1"),
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("", "", ""))))
		_, err := get(ctx)
		assert.Error(t, err)
	})

	t.Run("the client is kept for the warm instance", func(t *testing.T) {
		get := Load(log, DefaultRetryPolicy, LoadConfig(config.WithRegion("us-east-1"),
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""))))
		first, err := get(ctx)
		require.NoError(t, err)
		second, err := get(ctx)
		require.NoError(t, err)
		assert.Same(t, first, second)
	})

	t.Run("one configuration load serves every client made from it", func(t *testing.T) {
		loads := 0
		cfg := LoadConfig(config.WithRegion("us-east-1"),
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "")),
			func(*config.LoadOptions) error { loads++; return nil })
		for _, get := range []func(context.Context) (*Adapter, error){Load(log, DefaultRetryPolicy, cfg), Load(log, DefaultRetryPolicy, cfg)} {
			_, err := get(ctx)
			require.NoError(t, err)
		}
		assert.Equal(t, 1, loads)
	})
}
