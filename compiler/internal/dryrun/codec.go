package dryrun

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"time"
	"unsafe"

	"github.com/modc-dev/modc/compiler/diag"
	"github.com/modc-dev/modc/compiler/internal/workspace"
)

// Jobs travel to a worker in a binary form of their own, not gob: gob
// decodes by reflection, field by field, and copies every string, which
// cost a worker about 10 µs per module (more than a tenth of a module
// without examples). A job is a uvarint length and that many bytes: each
// field in the order of the job struct, integers as varints, strings and
// byte slices as a length and the bytes (a byte slice's length plus one,
// so that nil stays apart from empty), maps as a count and their pairs,
// and optional parts after a bool. The strings of a decoded job share the
// buffer it was read into, which nothing writes to afterwards.
// TestJobCodecFields fills every field of a job to check that none is
// left out.

// maxJobSize bounds the length a worker reads for one job.
const maxJobSize = 1 << 30

// jobWriter writes jobs to a worker.
type jobWriter struct {
	w   *bufio.Writer
	buf []byte
}

// write encodes j and writes it to the buffer (Flush sends it).
func (jw *jobWriter) write(j *job) error {
	e := wireEncoder{b: jw.buf[:0]}
	e.job(j)
	jw.buf = e.b
	var n [binary.MaxVarintLen64]byte
	if _, err := jw.w.Write(n[:binary.PutUvarint(n[:], uint64(len(e.b)))]); err != nil {
		return err
	}
	_, err := jw.w.Write(e.b)
	return err
}

// readJob reads the next job; io.EOF when the stream ends between jobs.
func readJob(r *bufio.Reader) (*job, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err // io.EOF at a job's start
	}
	if n > maxJobSize {
		return nil, errors.New("a job longer than 1 GiB")
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	d := wireDecoder{b: b}
	j := d.job()
	if d.err != nil {
		return nil, d.err
	}
	return j, nil
}

// wireEncoder appends values to b.
type wireEncoder struct{ b []byte }

func (e *wireEncoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *wireEncoder) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *wireEncoder) num(v int)     { e.int(int64(v)) }

func (e *wireEncoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *wireEncoder) str(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// raw writes a byte slice: its length plus one, 0 for nil.
func (e *wireEncoder) raw(r []byte) {
	if r == nil {
		e.uint(0)
		return
	}
	e.uint(uint64(len(r)) + 1)
	e.b = append(e.b, r...)
}

func (e *wireEncoder) loc(l diag.Location) {
	e.str(l.File)
	e.num(l.Line)
	e.num(l.Column)
	e.num(l.Length)
	e.str(l.LineText)
}

// strs writes a string slice: its length plus one, 0 for nil.
func (e *wireEncoder) strs(s []string) {
	if s == nil {
		e.uint(0)
		return
	}
	e.uint(uint64(len(s)) + 1)
	for _, v := range s {
		e.str(v)
	}
}

func (e *wireEncoder) raws(s []json.RawMessage) {
	if s == nil {
		e.uint(0)
		return
	}
	e.uint(uint64(len(s)) + 1)
	for _, v := range s {
		e.raw(v)
	}
}

// rawMap writes a map: its length plus one, 0 for nil.
func (e *wireEncoder) rawMap(m map[string]json.RawMessage) {
	if m == nil {
		e.uint(0)
		return
	}
	e.uint(uint64(len(m)) + 1)
	for k, v := range m {
		e.str(k)
		e.raw(v)
	}
}

func (e *wireEncoder) strMap(m map[string]string) {
	if m == nil {
		e.uint(0)
		return
	}
	e.uint(uint64(len(m)) + 1)
	for k, v := range m {
		e.str(k)
		e.str(v)
	}
}

func (e *wireEncoder) mock(m jobMock) {
	e.bool(m.Set)
	e.num(m.Status)
	e.raw(m.Data)
	e.strMap(m.Headers)
}

func (e *wireEncoder) job(j *job) {
	e.uint(j.Seq)
	e.int(int64(j.ReplyDelay))
	e.int(int64(j.Opts.Timeout))
	e.num(j.Opts.MaxCallStack)
	e.uint(j.Opts.MemoryLimit)
	e.num(j.Opts.Parallel)
	e.str(j.Package)
	e.str(j.Name)
	e.str(j.Kind)
	e.str(j.Dir)
	e.uint(uint64(len(j.Inputs)))
	for _, in := range j.Inputs {
		e.str(in.Name)
		e.raw(in.Default)
		e.loc(in.Loc)
	}
	e.mock(j.Mock)
	e.uint(uint64(len(j.Queries)))
	for _, q := range j.Queries {
		e.str(q.Name)
		e.str(q.Path)
		e.mock(q.Mock)
	}
	e.uint(uint64(len(j.Examples)))
	for i := range j.Examples {
		x := &j.Examples[i]
		e.str(x.Name)
		e.str(x.Call)
		e.raws(x.Args)
		e.rawMap(x.Store)
		e.rawMap(x.Inputs)
		e.rawMap(x.ExpectStore)
		e.raw(x.Expect)
		e.raw(x.ExpectCalls)
		if x.Fetch == nil {
			e.uint(0)
		} else {
			e.uint(uint64(len(x.Fetch)) + 1)
			for url, m := range x.Fetch {
				e.str(url)
				e.mock(m)
			}
		}
		e.str(x.ExpectError)
		e.bool(x.HasExpectError)
		e.loc(x.Loc)
		e.loc(x.CallLoc)
	}
	e.strMap(j.Requests)
	e.bool(j.Main != nil)
	if m := j.Main; m != nil {
		e.str(m.Path)
		e.str(m.Text)
		e.num(m.ExportOffset)
		e.num(m.DefaultEnd)
		e.num(m.ObjectOffset)
		e.num(m.ObjectEnd)
		e.uint(uint64(len(m.Members)))
		for _, mem := range m.Members {
			e.str(mem.Name)
			e.loc(mem.Loc)
			e.num(mem.Value[0])
			e.num(mem.Value[1])
			e.bool(mem.Computed)
			e.num(mem.Body[0])
			e.num(mem.Body[1])
		}
		e.strs(m.Platform)
		e.strs(m.Widgets)
		e.uint(uint64(len(m.GlobalReads)))
		for _, r := range m.GlobalReads {
			e.num(r[0])
			e.num(r[1])
		}
	}
	e.uint(uint64(len(j.Libraries)))
	for _, l := range j.Libraries {
		e.str(l.Global)
		e.str(l.Package)
		e.str(l.Version)
		e.str(l.Source)
	}
}

// wireDecoder reads values from b; the first error sticks and the
// values read after it are zero.
type wireDecoder struct {
	b   []byte
	err error
}

var errBadJob = errors.New("a malformed job")

func (d *wireDecoder) fail() {
	if d.err == nil {
		d.err = errBadJob
	}
	d.b = nil
}

func (d *wireDecoder) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *wireDecoder) int() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *wireDecoder) num() int { return int(d.int()) }

func (d *wireDecoder) bool() bool {
	if len(d.b) == 0 {
		d.fail()
		return false
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v != 0
}

// count reads a length, which cannot exceed what is left to read.
func (d *wireDecoder) count() int {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(n)
}

// countPlus reads a length plus one (0 for nil): n-1 cannot exceed what
// is left to read.
func (d *wireDecoder) countPlus() int {
	n := d.uint()
	if n > uint64(len(d.b))+1 {
		d.fail()
		return 0
	}
	return int(n)
}

// bytes returns the next n bytes, shared with the buffer.
func (d *wireDecoder) bytes(n int) []byte {
	if n > len(d.b) {
		d.fail()
		return nil
	}
	v := d.b[:n:n]
	d.b = d.b[n:]
	return v
}

func (d *wireDecoder) str() string {
	b := d.bytes(d.count())
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b)) // the buffer is never written again
}

func (d *wireDecoder) raw() json.RawMessage {
	n := d.countPlus()
	if n == 0 {
		return nil
	}
	return d.bytes(n - 1)
}

func (d *wireDecoder) loc() diag.Location {
	return diag.Location{File: d.str(), Line: d.num(), Column: d.num(), Length: d.num(), LineText: d.str()}
}

func (d *wireDecoder) strs() []string {
	n := d.countPlus()
	if n == 0 {
		return nil
	}
	s := make([]string, n-1)
	for i := range s {
		s[i] = d.str()
	}
	return s
}

func (d *wireDecoder) raws() []json.RawMessage {
	n := d.countPlus()
	if n == 0 {
		return nil
	}
	s := make([]json.RawMessage, n-1)
	for i := range s {
		s[i] = d.raw()
	}
	return s
}

func (d *wireDecoder) rawMap() map[string]json.RawMessage {
	n := d.countPlus()
	if n == 0 {
		return nil
	}
	m := make(map[string]json.RawMessage, n-1)
	for range n - 1 {
		k := d.str()
		m[k] = d.raw()
	}
	return m
}

func (d *wireDecoder) strMap() map[string]string {
	n := d.countPlus()
	if n == 0 {
		return nil
	}
	m := make(map[string]string, n-1)
	for range n - 1 {
		k := d.str()
		m[k] = d.str()
	}
	return m
}

func (d *wireDecoder) mock() jobMock {
	return jobMock{Set: d.bool(), Status: d.num(), Data: d.raw(), Headers: d.strMap()}
}

func (d *wireDecoder) job() *job {
	j := &job{Seq: d.uint(), ReplyDelay: time.Duration(d.int())}
	j.Opts = Options{Timeout: time.Duration(d.int()), MaxCallStack: d.num(), MemoryLimit: d.uint(), Parallel: d.num()}
	j.Package, j.Name, j.Kind, j.Dir = d.str(), d.str(), d.str(), d.str()
	if n := d.count(); n > 0 {
		j.Inputs = make([]workspace.Input, n)
		for i := range j.Inputs {
			j.Inputs[i] = workspace.Input{Name: d.str(), Default: d.raw(), Loc: d.loc()}
		}
	}
	j.Mock = d.mock()
	if n := d.count(); n > 0 {
		j.Queries = make([]jobQuery, n)
		for i := range j.Queries {
			j.Queries[i] = jobQuery{Name: d.str(), Path: d.str(), Mock: d.mock()}
		}
	}
	if n := d.count(); n > 0 {
		j.Examples = make([]jobExample, n)
		for i := range j.Examples {
			x := &j.Examples[i]
			x.Name, x.Call = d.str(), d.str()
			x.Args = d.raws()
			x.Store, x.Inputs, x.ExpectStore = d.rawMap(), d.rawMap(), d.rawMap()
			x.Expect, x.ExpectCalls = d.raw(), d.raw()
			if n := d.countPlus(); n > 0 {
				x.Fetch = make(map[string]jobMock, n-1)
				for range n - 1 {
					url := d.str()
					x.Fetch[url] = d.mock()
				}
			}
			x.ExpectError, x.HasExpectError = d.str(), d.bool()
			x.Loc, x.CallLoc = d.loc(), d.loc()
		}
	}
	j.Requests = d.strMap()
	if d.bool() {
		m := &jobMain{Path: d.str(), Text: d.str(), ExportOffset: d.num(), DefaultEnd: d.num(), ObjectOffset: d.num(), ObjectEnd: d.num()}
		if n := d.count(); n > 0 {
			m.Members = make([]jobMember, n)
			for i := range m.Members {
				m.Members[i] = jobMember{Name: d.str(), Loc: d.loc(), Value: [2]int{d.num(), d.num()}, Computed: d.bool(), Body: [2]int{d.num(), d.num()}}
			}
		}
		m.Platform = d.strs()
		m.Widgets = d.strs()
		if n := d.count(); n > 0 {
			m.GlobalReads = make([][2]int, n)
			for i := range m.GlobalReads {
				m.GlobalReads[i] = [2]int{d.num(), d.num()}
			}
		}
		j.Main = m
	}
	if n := d.count(); n > 0 {
		j.Libraries = make([]jobLibrary, n)
		for i := range j.Libraries {
			j.Libraries[i] = jobLibrary{Global: d.str(), Package: d.str(), Version: d.str(), Source: d.str()}
		}
	}
	if len(d.b) != 0 {
		d.fail() // trailing bytes: the two ends disagree on the format
	}
	return j
}
