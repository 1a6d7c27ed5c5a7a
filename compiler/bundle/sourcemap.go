package bundle

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// sourceMap is a version 3 source map as esbuild writes it.
type sourceMap struct {
	Version        int       `json:"version"`
	Sources        []string  `json:"sources"`
	SourcesContent []*string `json:"sourcesContent,omitempty"`
	Mappings       string    `json:"mappings"`
	Names          []string  `json:"names"`
}

// mapSource says how to present one virtual source in a source map.
type mapSource struct {
	// Path is the source's URL relative to the map file.
	Path string
	// Content replaces sourcesContent when set (the original main.js).
	Content *string
	// Shift is subtracted from original columns on the first line: the
	// width of the text the factory put before the original first line.
	Shift int
}

// fixSourceMap rewrites the sources of an esbuild source map: virtual paths
// become paths relative to the map, factories' contents become the original
// main.js, and first-line columns are shifted back to the original's.
// sources maps esbuild's source names ("modc:…") to their presentation.
func fixSourceMap(data []byte, sources map[string]mapSource) ([]byte, error) {
	var sm sourceMap
	if err := json.Unmarshal(data, &sm); err != nil {
		return nil, fmt.Errorf("reading esbuild's source map: %w", err)
	}
	shifts := make([]int, len(sm.Sources))
	anyShift := false
	for i, name := range sm.Sources {
		s, ok := sources[name]
		if !ok {
			continue
		}
		sm.Sources[i] = s.Path
		if s.Content != nil && i < len(sm.SourcesContent) {
			sm.SourcesContent[i] = s.Content
		}
		shifts[i] = s.Shift
		anyShift = anyShift || s.Shift != 0
	}
	if anyShift {
		m, err := shiftFirstLine(sm.Mappings, shifts)
		if err != nil {
			return nil, err
		}
		sm.Mappings = m
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&sm); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// shiftFirstLine decodes the VLQ mappings, subtracts shifts[source] from the
// original column of every segment on a source's first line (clamping at 0),
// and encodes them again.
func shiftFirstLine(mappings string, shifts []int) (string, error) {
	var out strings.Builder
	var src, line, col, name int     // decoder state (absolute values)
	var oSrc, oLine, oCol, oName int // encoder state
	for li, group := range strings.Split(mappings, ";") {
		if li > 0 {
			out.WriteByte(';')
		}
		genCol, oGenCol := 0, 0
		for si, seg := range strings.Split(group, ",") {
			if seg == "" {
				continue
			}
			f, err := decodeVLQ(seg)
			if err != nil {
				return "", err
			}
			if si > 0 {
				out.WriteByte(',')
			}
			genCol += f[0]
			writeVLQ(&out, genCol-oGenCol)
			oGenCol = genCol
			if len(f) < 4 {
				continue
			}
			src += f[1]
			line += f[2]
			col += f[3]
			c := col
			if line == 0 && src >= 0 && src < len(shifts) {
				c = max(col-shifts[src], 0)
			}
			writeVLQ(&out, src-oSrc)
			writeVLQ(&out, line-oLine)
			writeVLQ(&out, c-oCol)
			oSrc, oLine, oCol = src, line, c
			if len(f) >= 5 {
				name += f[4]
				writeVLQ(&out, name-oName)
				oName = name
			}
		}
	}
	return out.String(), nil
}

const vlqChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

func decodeVLQ(seg string) ([]int, error) {
	var out []int
	v, shift := 0, 0
	for i := 0; i < len(seg); i++ {
		d := strings.IndexByte(vlqChars, seg[i])
		if d < 0 {
			return nil, fmt.Errorf("bad source map mapping %q", seg)
		}
		v += (d & 31) << shift
		if d&32 != 0 {
			shift += 5
			continue
		}
		if v&1 != 0 {
			out = append(out, -(v >> 1))
		} else {
			out = append(out, v>>1)
		}
		v, shift = 0, 0
	}
	if shift != 0 {
		return nil, fmt.Errorf("truncated source map mapping %q", seg)
	}
	return out, nil
}

func writeVLQ(b *strings.Builder, n int) {
	v := n << 1
	if n < 0 {
		v = (-n << 1) | 1
	}
	for {
		d := v & 31
		v >>= 5
		if v != 0 {
			d |= 32
		}
		b.WriteByte(vlqChars[d])
		if v == 0 {
			return
		}
	}
}
