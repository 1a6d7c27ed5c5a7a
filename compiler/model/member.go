package model

// MemberKind says whether a member is a function or a variable.
type MemberKind string

// Member kinds.
const (
	Function MemberKind = "function"
	Variable MemberKind = "variable"
)

// Param is one formal parameter of a function member.
type Param struct {
	Name    string `json:"name"`
	Default string `json:"default,omitempty"` // source text of the default value
	Rest    bool   `json:"rest,omitempty"`
}
