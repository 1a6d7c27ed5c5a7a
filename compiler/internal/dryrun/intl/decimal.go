package intl

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// decimal is a finite number in base ten: 0.d1d2d3… × 10^exp, with
// digits holding d1d2d3… (no leading or trailing zeros; none for zero).
// Rounding works on these digits, never on a float64, so that 1.005
// rounds like ICU does: from the shortest decimal that reads back as the
// same double ("1.005"), not from its binary value (1.00499…).
type decimal struct {
	neg    bool
	digits []byte
	exp    int
}

// number is what formatting takes: a decimal, or NaN or an infinity.
type number struct {
	d        decimal
	nan, inf bool
}

// fromFloat is the shortest decimal of f.
func fromFloat(f float64) number {
	switch {
	case math.IsNaN(f):
		return number{nan: true}
	case math.IsInf(f, 0):
		return number{inf: true, d: decimal{neg: f < 0}}
	}
	neg := math.Signbit(f)
	if f == 0 {
		return number{d: decimal{neg: neg}}
	}
	s := strconv.FormatFloat(math.Abs(f), 'e', -1, 64) // d.ddde±xx
	mant, ex, _ := strings.Cut(s, "e")
	e, _ := strconv.Atoi(ex)
	digits := []byte(strings.Replace(mant, ".", "", 1))
	d := decimal{neg: neg, digits: digits, exp: e + 1}
	d.trim()
	return number{d: d}
}

// fromBig is the decimal of an integer.
func fromBig(i *big.Int) number {
	s := i.String()
	d := decimal{}
	if strings.HasPrefix(s, "-") {
		d.neg, s = true, s[1:]
	}
	d.digits, d.exp = []byte(s), len(s)
	d.trim()
	return number{d: d}
}

// jsSpace reports whether r is white space or a line terminator for
// StringToNumber.
func jsSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return 0x2000 <= r && r <= 0x200A
}

// fromString is the exact decimal of a StringNumericLiteral (Intl
// formats strings without going through a double), NaN when s is not one.
// Like V8, a value out of the range of doubles is an infinity or zero.
func fromString(s string) number {
	s = strings.TrimFunc(s, jsSpace)
	if s == "" {
		return number{}
	}
	if len(s) > 2 && s[0] == '0' {
		base := 0
		switch s[1] {
		case 'x', 'X':
			base = 16
		case 'o', 'O':
			base = 8
		case 'b', 'B':
			base = 2
		}
		if base != 0 {
			i, ok := new(big.Int).SetString(s[2:], base)
			if !ok || strings.ContainsAny(s[2:], "_+-") {
				return number{nan: true}
			}
			return fromBig(i)
		}
	}
	body := s
	neg := false
	if body[0] == '+' || body[0] == '-' {
		neg, body = body[0] == '-', body[1:]
	}
	if body == "Infinity" {
		return number{inf: true, d: decimal{neg: neg}}
	}
	// Decimal digits, an optional point, an optional exponent.
	mant, ex := body, ""
	if i := strings.IndexAny(body, "eE"); i >= 0 {
		mant, ex = body[:i], body[i+1:]
		if ex == "" {
			return number{nan: true}
		}
		if ex[0] == '+' || ex[0] == '-' {
			if len(ex) == 1 {
				return number{nan: true}
			}
			if !allDigits(ex[1:]) {
				return number{nan: true}
			}
		} else if !allDigits(ex) {
			return number{nan: true}
		}
	}
	ip, fp, _ := strings.Cut(mant, ".")
	if (ip == "" && fp == "") || !allDigits(ip) || !allDigits(fp) {
		return number{nan: true}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) { // (err.Error() would quote s)
		return number{nan: true}
	}
	if math.IsInf(f, 0) {
		return number{inf: true, d: decimal{neg: neg}}
	}
	d := decimal{neg: neg}
	if f == 0 {
		return number{d: d} // zero, or too small for a double
	}
	// The exponent is within a few hundred: the double is finite and not zero.
	e := 0
	if ex != "" {
		e, _ = strconv.Atoi(strings.TrimPrefix(ex, "+"))
	}
	d.digits = []byte(ip + fp)
	d.exp = len(ip) + e
	d.trim()
	return number{d: d}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// trim drops leading and trailing zero digits.
func (d *decimal) trim() {
	i := 0
	for i < len(d.digits) && d.digits[i] == '0' {
		i++
	}
	d.digits = d.digits[i:]
	d.exp -= i
	j := len(d.digits)
	for j > 0 && d.digits[j-1] == '0' {
		j--
	}
	d.digits = d.digits[:j]
	if len(d.digits) == 0 {
		d.exp = 0
	}
}

func (d decimal) isZero() bool { return len(d.digits) == 0 }

// magnitude is the power of ten of the leading digit (0 for zero).
func (d decimal) magnitude() int {
	if d.isZero() {
		return 0
	}
	return d.exp - 1
}

// shift multiplies d by 10^n.
func (d decimal) shift(n int) decimal {
	if !d.isZero() {
		d.exp += n
	}
	return d
}

// roundAt rounds d to a multiple of 10^pos with mode, keeping the sign.
func (d decimal) roundAt(pos int, mode string) decimal {
	// keep is how many digits stay: those of powers ≥ pos.
	keep := d.exp - pos
	if keep >= len(d.digits) {
		return d
	}
	var first byte = '0' // the first digit dropped
	rest := false        // whether any digit after it is not zero
	kept := []byte{}
	if keep >= 0 {
		kept = append(kept, d.digits[:keep]...)
		first = d.digits[keep]
		rest = len(d.digits) > keep+1
	} else {
		rest = true // every digit is below the first dropped one, which is 0
	}
	lastOdd := len(kept) > 0 && (kept[len(kept)-1]-'0')%2 == 1
	if roundUp(mode, d.neg, first, rest, lastOdd) {
		// Add one unit at pos.
		i := len(kept) - 1
		for ; i >= 0; i-- {
			if kept[i] == '9' {
				kept[i] = '0'
				continue
			}
			kept[i]++
			break
		}
		out := decimal{neg: d.neg}
		if i < 0 {
			out.digits = append([]byte{'1'}, kept...)
			out.exp = pos + len(out.digits)
		} else {
			out.digits = kept
			out.exp = pos + len(kept)
		}
		out.trim()
		return out
	}
	out := decimal{neg: d.neg, digits: kept, exp: pos + len(kept)}
	out.trim()
	return out
}

// roundUp decides whether dropping digits (first, then rest) increases
// the magnitude, for a rounding mode of ECMA-402.
func roundUp(mode string, neg bool, first byte, rest, lastOdd bool) bool {
	if first == '0' && !rest {
		return false
	}
	half := 0 // compared with one half: -1 below, 0 equal, 1 above
	switch {
	case first > '5' || (first == '5' && rest):
		half = 1
	case first < '5':
		half = -1
	}
	switch mode {
	case "ceil":
		return !neg
	case "floor":
		return neg
	case "expand":
		return true
	case "trunc":
		return false
	case "halfCeil":
		return half > 0 || (half == 0 && !neg)
	case "halfFloor":
		return half > 0 || (half == 0 && neg)
	case "halfTrunc":
		return half > 0
	case "halfEven":
		return half > 0 || (half == 0 && lastOdd)
	}
	return half >= 0 // halfExpand
}

// roundIncrement rounds d to a multiple of inc × 10^pos.
func (d decimal) roundIncrement(pos, inc int, mode string) decimal {
	if inc <= 1 {
		return d.roundAt(pos, mode)
	}
	// q = |d| / (inc × 10^pos), as a big rational, rounded to an integer.
	num := new(big.Int)
	if len(d.digits) > 0 {
		num.SetString(string(d.digits), 10)
	}
	// |d| = num × 10^(exp-len(digits))
	scale := d.exp - len(d.digits) - pos
	den := big.NewInt(int64(inc))
	ten := big.NewInt(10)
	if scale >= 0 {
		num.Mul(num, new(big.Int).Exp(ten, big.NewInt(int64(scale)), nil))
	} else {
		den.Mul(den, new(big.Int).Exp(ten, big.NewInt(int64(-scale)), nil))
	}
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Sign() != 0 {
		twice := new(big.Int).Lsh(r, 1)
		c := twice.Cmp(den)
		first, rest := byte('4'), true
		switch {
		case c > 0:
			first = '6'
		case c == 0:
			first, rest = '5', false
		}
		if roundUp(mode, d.neg, first, rest, q.Bit(0) == 1) {
			q.Add(q, big.NewInt(1))
		}
	}
	q.Mul(q, big.NewInt(int64(inc)))
	out := fromBig(q).d.shift(pos)
	out.neg = d.neg
	return out
}

// intDigits and fracDigits are the digits of d before and after the point.
func (d decimal) intDigits() string {
	if d.exp <= 0 {
		return ""
	}
	if d.exp >= len(d.digits) {
		return string(d.digits) + strings.Repeat("0", d.exp-len(d.digits))
	}
	return string(d.digits[:d.exp])
}

func (d decimal) fracDigits() string {
	if d.exp >= len(d.digits) {
		return ""
	}
	if d.exp < 0 {
		return strings.Repeat("0", -d.exp) + string(d.digits)
	}
	return string(d.digits[d.exp:])
}
