// The frame (unit 0, linear filtering) with the per-cell overlay drawn over it. The arithmetic is
// the one in ui/view/overlay_composite.cpp (the CPU composite for export); change both together.
VARYING_IN vec2 v_texCoord;

uniform sampler2D u_frame;
// Unit 1: 9 x 9 cells spanning the whole image, GL_NEAREST. R = colour-map level / 255 of the
// normalised score, G = 1 where the cell was kept. An 8-bit texture works on every GL the view
// supports (2.1 included), and the level is exact because the colour map has 256 entries.
uniform sampler2D u_cells;
// Unit 2: the 256 x 1 colour map, GL_NEAREST, sampled at texel centres.
uniform sampler2D u_colourMap;
uniform float u_overlayMode;  // 0 = off, 1 = mask (dropped cells dimmed), 2 = score colours
uniform float u_opacity;      // 0..1
uniform float u_droppedDim;   // mask: a dropped cell is multiplied by this at full opacity

void main() {
  vec3 base = TEXTURE2D(u_frame, v_texCoord).rgb;
  vec3 colour = base;
  if (u_overlayMode > 0.5) {
    vec4 cell = TEXTURE2D(u_cells, v_texCoord);
    if (u_overlayMode < 1.5) {
      float dropped = 1.0 - step(0.5, cell.g);
      colour = base * mix(1.0, mix(1.0, u_droppedDim, u_opacity), dropped);
    } else {
      float level = floor(cell.r * 255.0 + 0.5);
      vec3 mapped = TEXTURE2D(u_colourMap, vec2((level + 0.5) / 256.0, 0.5)).rgb;
      colour = mix(base, mapped, u_opacity);
    }
  }
  FRAG_COLOR = vec4(colour, 1.0);
}
