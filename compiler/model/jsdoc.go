package model

// Doc is one parsed JSDoc comment.
type Doc struct {
	Summary    string     `json:"summary,omitempty"`
	Params     []DocParam `json:"params,omitempty"`
	Returns    *Returns   `json:"returns,omitempty"`
	Type       string     `json:"type,omitempty"` // @type, documenting a variable
	Examples   []string   `json:"examples,omitempty"`
	Deprecated *string    `json:"deprecated,omitempty"`
}

// DocParam is one @param tag.
type DocParam struct {
	Name        string `json:"name"`
	Type        string `json:"type,omitempty"`
	Description string `json:"description,omitempty"`
	Optional    bool   `json:"optional,omitempty"`
	Default     string `json:"default,omitempty"`
}

// Returns is the @returns (or @return) tag.
type Returns struct {
	Type        string `json:"type,omitempty"`
	Description string `json:"description,omitempty"`
}

// Param returns the documented parameter called name, or nil.
func (d *Doc) Param(name string) *DocParam {
	if d == nil {
		return nil
	}
	for i := range d.Params {
		if d.Params[i].Name == name {
			return &d.Params[i]
		}
	}
	return nil
}
