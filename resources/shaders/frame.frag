// The frame (unit 0, linear filtering) with the per-cell overlay drawn over it. The arithmetic is
// the one in ui/view/overlay_composite.cpp (the CPU composite for export); change both together.
// Order: brightness / contrast of the picture, the overlay, then the cell grid lines.
VARYING_IN vec2 v_texCoord;

uniform sampler2D u_frame;
// Unit 1: 9 x 9 cells spanning the whole image, GL_NEAREST. R = colour-map level / 255 of the
// normalised score, G = 1 where the cell was kept, B = diff class * 85 (bit 0: kept by run A,
// bit 1: kept by run B). An 8-bit texture works on every GL the view supports (2.1 included),
// and the level is exact because the colour map has 256 entries.
uniform sampler2D u_cells;
// Unit 2: the 256 x 1 colour map, GL_NEAREST, sampled at texel centres.
uniform sampler2D u_colourMap;
uniform float u_overlayMode;  // 0 = off, 1 = mask, 2 = score colours, 3 = two-run diff
uniform float u_opacity;      // 0..1
uniform float u_droppedDim;   // dim style: a dropped cell is multiplied by this at full opacity
uniform float u_hatch;        // 1 = dropped cells are hatched instead of dimmed
uniform float u_hatchPeriod;  // hatch: pixel (x, y) is on a line when (x + y) mod period < width
uniform float u_hatchWidth;
uniform float u_hatchDim;     // hatch line pixels are multiplied by this at full opacity
uniform float u_grid;         // 1 = draw the 8 inner cell boundaries each way
uniform vec3 u_gridColour;
uniform float u_gridAlpha;
uniform float u_brightness;   // added to each channel
uniform float u_contrast;     // scales around mid-grey
uniform vec3 u_diffBoth;
uniform vec3 u_diffOnlyA;
uniform vec3 u_diffOnlyB;
// The picture's size on screen in device pixels: hatch and grid are measured in output pixels
// from its top-left corner, as the CPU composite measures them in the exported image.
uniform vec2 u_frameSize;

vec3 droppedColour(vec3 base, vec2 pixel) {
  if (u_hatch > 0.5) {
    float onLine = 1.0 - step(u_hatchWidth, mod(pixel.x + pixel.y, u_hatchPeriod));
    return base * mix(1.0, mix(1.0, u_hatchDim, u_opacity), onLine);
  }
  return base * mix(1.0, u_droppedDim, u_opacity);
}

// 1 when an inner cell boundary (k * length / 9, k = 1..8) falls inside this pixel. Pixel
// indices are compared as whole numbers: a boundary exactly on a pixel edge (length divisible
// by 9) would otherwise fall in neither pixel or in both with float rounding.
float gridLine(float centre, float len) {
  float cell = len / 9.0;
  float k = clamp(floor(centre / cell + 0.5), 1.0, 8.0);
  return 1.0 - step(0.5, abs(floor(centre) - floor(k * cell + 0.001)));
}

void main() {
  vec3 base = TEXTURE2D(u_frame, v_texCoord).rgb;
  base = clamp((base - 0.5) * u_contrast + 0.5 + u_brightness, 0.0, 1.0);
  vec2 position = v_texCoord * u_frameSize;  // pixel centre, from the picture's top-left
  vec2 pixel = floor(position);
  vec3 colour = base;
  if (u_overlayMode > 0.5) {
    vec4 cell = TEXTURE2D(u_cells, v_texCoord);
    if (u_overlayMode < 1.5) {
      if (cell.g < 0.5) colour = droppedColour(base, pixel);
    } else if (u_overlayMode < 2.5) {
      float level = floor(cell.r * 255.0 + 0.5);
      vec3 mapped = TEXTURE2D(u_colourMap, vec2((level + 0.5) / 256.0, 0.5)).rgb;
      colour = mix(base, mapped, u_opacity);
    } else {
      float diff = floor(cell.b * 3.0 + 0.5);
      if (diff < 0.5) {
        colour = droppedColour(base, pixel);
      } else {
        vec3 tint = diff < 1.5 ? u_diffOnlyA : (diff < 2.5 ? u_diffOnlyB : u_diffBoth);
        colour = mix(base, tint, u_opacity);
      }
    }
  }
  if (u_grid > 0.5) {
    float line = max(gridLine(position.x, u_frameSize.x), gridLine(position.y, u_frameSize.y));
    colour = mix(colour, u_gridColour, u_gridAlpha * line);
  }
  FRAG_COLOR = vec4(colour, 1.0);
}
