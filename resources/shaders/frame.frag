// Frame texture (RGB, linear filtering). Reserved for later: texture unit 1 = per-cell overlay
// (9x9 or 27x27 float, GL_NEAREST), unit 2 = 256x1 colour map; see design.md §8.
VARYING_IN vec2 v_texCoord;

uniform sampler2D u_frame;

void main() {
  FRAG_COLOR = vec4(TEXTURE2D(u_frame, v_texCoord).rgb, 1.0);
}
