package devserver_test

import (
	"context"
	"log"
	"os"
	"os/signal"

	"github.com/modc-dev/modc/compiler"
	"github.com/modc-dev/modc/site/devserver"
	"github.com/modc-dev/modc/site/watch"
)

// How modc devserver wires the pieces: a watcher on the workspace, a
// builder behind the seam, Serve until Ctrl-C.
func ExampleServe() {
	root := "."
	w, err := watch.New(root, watch.Options{Ignore: []string{"out"}})
	if err != nil {
		log.Fatal(err)
	}
	defer w.Close()

	build := devserver.BuilderFunc(func(ctx context.Context, changed []string) (*devserver.Output, error) {
		r := compiler.Build(compiler.Options{Root: root, NoReleases: true})
		return &devserver.Output{Files: r.Files, Messages: r.Messages}, nil
	})

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err = devserver.Serve(ctx, devserver.Options{
		Port:    devserver.DefaultPort,
		Builder: build,
		Watcher: w,
		Log:     os.Stderr,
	})
	if err != nil {
		log.Fatal(err) // "127.0.0.1:1313 is already in use; pass --port"
	}
}
