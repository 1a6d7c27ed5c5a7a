// Package browsertest starts a headless Debian Chromium for tests, with the
// flags this sandboxed, offline machine needs and a fresh profile, and
// types into pages the way a keyboard does (Type, Press, InsertText).
package browsertest

import (
	"context"
	"fmt"
	"os/exec"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Limit is how long a test may use the browser New starts: its whole
// context's deadline. A page that never gets where a test waits for it
// fails the test then, and the package's other tests still run within
// go test's timeout.
const Limit = 90 * time.Second

// New starts a headless Chromium and returns a chromedp context for one tab,
// cancelled when the test ends or after Limit. listen, when not nil, gets
// the page's events.
// It runs on the goroutine that also hands out the results of the tab's
// commands: while it waits (for a lock a test holds during a command, say),
// no command ends, and the tab may stay stuck past its deadline.
func New(t testing.TB, listen func(ev any)) context.Context {
	t.Helper()
	return NewWithin(t, Limit, listen)
}

// NewWithin is New for a test that needs the browser longer than Limit,
// such as one that opens hundreds of pages: its context ends after limit.
func NewWithin(t testing.TB, limit time.Duration, listen func(ev any)) context.Context {
	t.Helper()
	var path string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		t.Fatal("headless Chromium is required for this test: apt-get install -y chromium")
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		// Chromium's singleton socket directory (org.chromium.Chromium.*)
		// goes to TMPDIR and outlives a killed browser: keep it in the
		// test's own directory, removed with it.
		chromedp.Env("TMPDIR="+t.TempDir()),
	)
	var opts []chromedp.ContextOption
	if listen != nil {
		opts = append(opts, chromedp.WithListener(listen))
	}
	ctx, cancelCtx := chromedp.NewContext(alloc, opts...)
	ctx, cancelTimeout := context.WithTimeout(ctx, limit)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	return ctx
}

// Type types text into the focused element the way a keyboard does: for
// each character one keyDown event that carries its text, then a keyUp.
// The page sees keydown, keypress, beforeinput, input and keyup, and a
// keydown handler that cancels the event stops the character, as in a
// real browser. (chromedp.SendKeys and chromedp.KeyEvent send the text in
// a separate "char" event that a page cannot cancel from keydown, so a
// key handler that swallows every key goes unnoticed with them.) "\b",
// "\t", "\r" and "\u007f" press Backspace, Tab, Enter and Delete; other
// characters without a key on a US keyboard (ë, 日) are typed as a key
// whose key value is the character, as a keyboard layout that has them
// would.
func Type(text string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		for _, r := range text {
			if err := press(ctx, r, 0); err != nil {
				return err
			}
		}
		return nil
	})
}

// Press presses keys one after the other, such as "a", kb.Backspace,
// kb.Tab, kb.End or kb.Delete (the kb package's constants are one-rune
// strings), holding the modifiers down: Press("a", chromedp.ModifierCtrl)
// is Ctrl+A. With Ctrl, Alt or Meta held a key types no text; the page
// sees the keydown and the browser runs the shortcut (Ctrl+A selects all).
func Press(keys string, mods ...chromedp.Modifier) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		var m int64
		for _, mod := range mods {
			m |= int64(mod)
		}
		for _, r := range keys {
			if err := press(ctx, r, m); err != nil {
				return err
			}
		}
		return nil
	})
}

func press(ctx context.Context, r rune, mods int64) error {
	if r == '\n' {
		r = '\r'
	}
	down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: string(r), Text: string(r), Modifiers: mods}
	if k, ok := kb.Keys[r]; ok {
		down.Key, down.Code, down.WindowsVirtualKeyCode, down.NativeVirtualKeyCode = k.Key, k.Code, k.Windows, k.Native
		down.Text = k.Text
		if !k.Print {
			down.Text = ""
		}
		if k.Shift {
			down.Modifiers |= int64(chromedp.ModifierShift)
		}
	} else if !unicode.IsPrint(r) {
		down.Key, down.Text = "Unidentified", ""
	}
	if mods&int64(chromedp.ModifierCtrl|chromedp.ModifierAlt|chromedp.ModifierMeta) != 0 {
		down.Text = ""
	}
	if down.Text == "" {
		down.Type = input.DispatchKeyEventTypeRawKeyDown
	}
	if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, down); err != nil {
		return fmt.Errorf("key %q down: %w", r, err)
	}
	up := down
	up.Type, up.Text = input.DispatchKeyEventTypeKeyUp, ""
	if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, up); err != nil {
		return fmt.Errorf("key %q up: %w", r, err)
	}
	return nil
}

// InsertText inserts text into the focused element as a paste, an emoji
// keyboard or an IME commit does (CDP Input.insertText): the page sees
// beforeinput and input events and no key events. It needs no clipboard.
func InsertText(text string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: text})
		return err
	})
}
