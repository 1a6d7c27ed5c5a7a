// Command modc checks, builds and serves a workspace of reusable JS
// modules. Run `modc --help` for the commands.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
