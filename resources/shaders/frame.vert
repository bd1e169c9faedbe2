// Frame quad. The view prepends a dialect prelude (GLSL 330 core, or 120 as a fallback) that
// defines ATTRIBUTE / VARYING_OUT, so this body compiles in both; attribute locations are bound
// by name before linking (a_position = 0, a_texCoord = 1).
ATTRIBUTE vec2 a_position;  // unit quad corner in [-1, 1]^2
ATTRIBUTE vec2 a_texCoord;  // (0, 0) = top-left pixel of the frame

// Frame quad -> clip space: letterbox fit, then zoom and pan. The overlay cells are sampled with
// the frame's own texture coordinate in the same pass, so the frame, the cell grid and the heatmap
// can never disagree about where a pixel is.
uniform mat4 u_transform;

VARYING_OUT vec2 v_texCoord;

void main() {
  v_texCoord = a_texCoord;
  gl_Position = u_transform * vec4(a_position, 0.0, 1.0);
}
