package main

import (
	"io"
	"os"
)

// isTerminal reports whether w is a terminal (a character device), where
// diagnostics get code frames and colour.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
