package bundle

import (
	"bytes"
	"encoding/json"
	"fmt"
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
	// Content is the source's text (for a factory, the original main.js).
	Content *string
	// Shift is subtracted from original columns on the first line: the
	// width of the text the factory put before the original first line.
	Shift int
}

// fixSourceMap rewrites the sources of an esbuild source map made without
// sourcesContent: virtual paths become paths relative to the map, contents
// are added (for factories, the original main.js), and first-line columns
// are shifted back to the original's.
// sources maps esbuild's source names ("modc:…") to their presentation.
func fixSourceMap(data []byte, sources map[string]mapSource) ([]byte, error) {
	var sm sourceMap
	if err := json.Unmarshal(data, &sm); err != nil {
		return nil, fmt.Errorf("reading esbuild's source map: %w", err)
	}
	shifts := make([]int, len(sm.Sources))
	anyShift := false
	sm.SourcesContent = make([]*string, len(sm.Sources))
	for i, name := range sm.Sources {
		s, ok := sources[name]
		if !ok {
			continue
		}
		sm.Sources[i] = s.Path
		sm.SourcesContent[i] = s.Content
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
	out := make([]byte, 0, len(mappings)+16)
	var src, line, col, name int     // decoder state (absolute values)
	var oSrc, oLine, oCol, oName int // encoder state
	genCol, oGenCol := 0, 0
	var f [5]int
	for i := 0; i < len(mappings); {
		switch mappings[i] {
		case ';':
			out = append(out, ';')
			genCol, oGenCol = 0, 0
			i++
			continue
		case ',':
			out = append(out, ',')
			i++
			continue
		}
		n := 0
		for i < len(mappings) && mappings[i] != ',' && mappings[i] != ';' {
			if n == len(f) {
				return "", fmt.Errorf("bad source map segment at %d", i)
			}
			v, next, err := readVLQ(mappings, i)
			if err != nil {
				return "", err
			}
			f[n], i = v, next
			n++
		}
		if n != 1 && n != 4 && n != 5 {
			return "", fmt.Errorf("bad source map segment of %d fields before %d", n, i)
		}
		genCol += f[0]
		out = appendVLQ(out, genCol-oGenCol)
		oGenCol = genCol
		if n == 1 {
			continue
		}
		src += f[1]
		line += f[2]
		col += f[3]
		c := col
		if line == 0 && src >= 0 && src < len(shifts) {
			c = max(col-shifts[src], 0)
		}
		out = appendVLQ(out, src-oSrc)
		out = appendVLQ(out, line-oLine)
		out = appendVLQ(out, c-oCol)
		oSrc, oLine, oCol = src, line, c
		if n == 5 {
			name += f[4]
			out = appendVLQ(out, name-oName)
			oName = name
		}
	}
	return string(out), nil
}

const vlqChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

var vlqValue [256]int8

func init() {
	for i := range vlqValue {
		vlqValue[i] = -1
	}
	for i := 0; i < len(vlqChars); i++ {
		vlqValue[vlqChars[i]] = int8(i)
	}
}

// readVLQ reads one base64 VLQ number of s at i, returning it and the next index.
func readVLQ(s string, i int) (int, int, error) {
	v, shift := 0, 0
	for ; i < len(s); i++ {
		d := int(vlqValue[s[i]])
		if d < 0 {
			return 0, i, fmt.Errorf("bad source map mapping character %q", s[i])
		}
		v += (d & 31) << shift
		if d&32 == 0 {
			if v&1 != 0 {
				return -(v >> 1), i + 1, nil
			}
			return v >> 1, i + 1, nil
		}
		shift += 5
		if shift > 60 {
			return 0, i, fmt.Errorf("source map number too long")
		}
	}
	return 0, i, fmt.Errorf("truncated source map mapping")
}

func appendVLQ(b []byte, n int) []byte {
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
		b = append(b, vlqChars[d])
		if v == 0 {
			return b
		}
	}
}
