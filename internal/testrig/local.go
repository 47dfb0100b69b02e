package testrig

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/cognito-cfn/userpoolclient/internal/faultproxy"
	"github.com/cognito-cfn/userpoolclient/internal/localrun"
)

// Local is what a suite that runs the handler in process talks to: moto, optionally a fault
// proxy in front of it, and a catcher standing in for the ResponseURLs.
type Local struct {
	Moto    *localrun.Moto
	Proxy   *faultproxy.Proxy // nil without WithProxy
	Catcher *localrun.Catcher
}

// StartLocal starts moto (and the fault proxy when withProxy) and a catcher, and points this
// process's AWS SDK at Cognito through the SDK's standard variables only
// (localrun.UseLocalCognito): at the proxy when there is one.
func StartLocal(ctx context.Context, withProxy bool) (*Local, error) {
	moto, err := localrun.StartMoto(ctx)
	if err != nil {
		return nil, err
	}
	l := &Local{Moto: moto}
	endpoint := moto.URL()
	if withProxy {
		if l.Proxy, err = faultproxy.Start(moto.URL()); err != nil {
			l.Close()
			return nil, err
		}
		endpoint = l.Proxy.URL()
	}
	l.Catcher = localrun.StartCatcher()
	localrun.UseLocalCognito(endpoint)
	return l, nil
}

// Close stops what StartLocal started. It returns nil: it is a Suite's stop func.
func (l *Local) Close() error {
	if l.Proxy != nil {
		l.Proxy.Close()
	}
	if l.Catcher != nil {
		l.Catcher.Close()
	}
	_ = l.Moto.Stop()
	return nil
}

// LambdaPkg is the function's main package.
const LambdaPkg = "github.com/cognito-cfn/userpoolclient/lambda"

var lambda struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// Lambda returns a host bootstrap of ./lambda built with the release flags, and makes sure
// the emulator is built too: once per test binary, the first time a test asks (so that a run
// of other tests builds nothing). ctx bounds only the first call.
func Lambda(ctx context.Context) (string, error) {
	lambda.once.Do(func() {
		ctx, cancel := context.WithTimeout(ctx, setupTimeout)
		defer cancel()
		if lambda.dir, lambda.err = os.MkdirTemp("", "testrig-lambda-*"); lambda.err != nil {
			return
		}
		path := filepath.Join(lambda.dir, "bootstrap")
		if lambda.err = localrun.BuildBootstrap(ctx, LambdaPkg, path); lambda.err != nil {
			return
		}
		if _, lambda.err = localrun.RIEPath(ctx); lambda.err != nil {
			lambda.err = fmt.Errorf("the emulator: %w", lambda.err)
			return
		}
		lambda.path = path
	})
	return lambda.path, lambda.err
}

// RemoveLambda removes what Lambda built; call it at the end of TestMain.
func RemoveLambda() {
	if lambda.dir != "" {
		_ = os.RemoveAll(lambda.dir)
	}
}
