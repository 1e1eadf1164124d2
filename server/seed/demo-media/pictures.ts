import sharp from 'sharp';

/**
 * The demo's pictures, drawn at seed time from SVG (shapes and gradients only: no text, so no
 * system fonts are needed): a portrait for the role-model story and a landscape for the image
 * item. Original artwork; the output is a JPEG like an operator's upload.
 */

const gear = (cx: number, cy: number, r: number, teeth: number, fill: string, opacity = 1) => {
  const points: string[] = [];
  for (let i = 0; i < teeth * 2; i++) {
    const a = (i / (teeth * 2)) * Math.PI * 2;
    const rr = i % 2 ? r : r * 1.2;
    for (const d of [-0.11, 0.11]) points.push(`${(cx + Math.cos(a + d) * rr).toFixed(1)},${(cy + Math.sin(a + d) * rr).toFixed(1)}`);
  }
  return `<g opacity="${opacity}"><polygon points="${points.join(' ')}" fill="${fill}"/><circle cx="${cx}" cy="${cy}" r="${r * 0.45}" fill="#00000033"/></g>`;
};

/** A young technician in a safety helmet before a workshop wall, 4:5. */
export const STORY_PHOTO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1350" viewBox="0 0 1080 1350">
  <defs>
    <linearGradient id="wall" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#ffcf7a"/><stop offset="0.55" stop-color="#f79b57"/><stop offset="1" stop-color="#c9573c"/>
    </linearGradient>
    <radialGradient id="glow" cx="0.72" cy="0.3" r="0.5">
      <stop offset="0" stop-color="#fff6d5" stop-opacity="0.9"/><stop offset="1" stop-color="#fff6d5" stop-opacity="0"/>
    </radialGradient>
    <linearGradient id="jacket" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2a66b0"/><stop offset="1" stop-color="#173f74"/>
    </linearGradient>
    <linearGradient id="helmet" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#ffe066"/><stop offset="1" stop-color="#f2b705"/>
    </linearGradient>
    <radialGradient id="skin" cx="0.45" cy="0.4" r="0.65">
      <stop offset="0" stop-color="#f6d2a8"/><stop offset="1" stop-color="#d9a877"/>
    </radialGradient>
  </defs>
  <rect width="1080" height="1350" fill="url(#wall)"/>
  <rect width="1080" height="1350" fill="url(#glow)"/>
  ${gear(850, 300, 170, 12, '#ffffff', 0.22)}
  ${gear(1010, 560, 90, 9, '#ffffff', 0.18)}
  ${gear(150, 420, 110, 10, '#7a2e1f', 0.18)}
  <g stroke="#fff3b0" stroke-width="8" stroke-linecap="round" opacity="0.8">
    <line x1="760" y1="760" x2="830" y2="700"/><line x1="780" y1="800" x2="880" y2="780"/><line x1="750" y1="820" x2="800" y2="880"/>
  </g>
  <rect x="0" y="1120" width="1080" height="230" fill="#7a3424" opacity="0.35"/>
  <path d="M190 1350 C 200 1060 330 960 540 950 C 750 960 880 1060 890 1350 Z" fill="url(#jacket)"/>
  <path d="M245 1160 C 420 1200 660 1200 835 1160 L 845 1215 C 660 1255 420 1255 235 1215 Z" fill="#ffd23f"/>
  <path d="M455 955 L 540 1060 L 625 955 Z" fill="#e8eef5"/>
  <path d="M470 870 L 610 870 L 600 985 L 480 985 Z" fill="#d9a877"/>
  <ellipse cx="540" cy="700" rx="190" ry="225" fill="url(#skin)"/>
  <ellipse cx="352" cy="720" rx="26" ry="48" fill="#d9a877"/><ellipse cx="728" cy="720" rx="26" ry="48" fill="#d9a877"/>
  <path d="M360 620 C 380 470 700 470 720 620 C 650 560 430 560 360 620 Z" fill="#2b1d16"/>
  <ellipse cx="465" cy="705" rx="20" ry="25" fill="#2b1d16"/><ellipse cx="615" cy="705" rx="20" ry="25" fill="#2b1d16"/>
  <path d="M440 655 Q 465 640 492 652" stroke="#2b1d16" stroke-width="9" fill="none" stroke-linecap="round"/>
  <path d="M588 652 Q 615 640 640 655" stroke="#2b1d16" stroke-width="9" fill="none" stroke-linecap="round"/>
  <path d="M540 730 Q 530 780 548 790" stroke="#b98356" stroke-width="8" fill="none" stroke-linecap="round"/>
  <path d="M470 830 Q 540 885 610 830" stroke="#8c3b2e" stroke-width="12" fill="none" stroke-linecap="round"/>
  <path d="M325 585 C 325 385 755 385 755 585 Z" fill="url(#helmet)"/>
  <rect x="295" y="570" width="490" height="42" rx="21" fill="#f2b705"/>
  <rect x="515" y="420" width="50" height="165" rx="18" fill="#ffe680"/>
</svg>`;

/** Dawn over a city of workshops: a bridge, rising bars and a graduate's cap, 16:9. */
export const CITY_IMAGE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080" viewBox="0 0 1920 1080">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#0b2540"/><stop offset="0.5" stop-color="#1e6fb8"/><stop offset="0.85" stop-color="#ffc978"/>
    </linearGradient>
    <radialGradient id="sun" cx="0.5" cy="0.5" r="0.5">
      <stop offset="0" stop-color="#fff4c4"/><stop offset="0.6" stop-color="#ffd166"/><stop offset="1" stop-color="#ffd166" stop-opacity="0"/>
    </radialGradient>
    <linearGradient id="water" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2d6ea3"/><stop offset="1" stop-color="#0b2540"/>
    </linearGradient>
  </defs>
  <rect width="1920" height="1080" fill="url(#sky)"/>
  <circle cx="1380" cy="690" r="260" fill="url(#sun)"/>
  <g fill="#14385f">
    <rect x="60" y="560" width="140" height="300"/><rect x="220" y="500" width="110" height="360"/><rect x="350" y="600" width="170" height="260"/>
    <rect x="540" y="470" width="120" height="390"/><rect x="1540" y="520" width="150" height="340"/><rect x="1710" y="590" width="170" height="270"/>
    <polygon points="700,860 700,640 780,580 860,640 860,860"/>
  </g>
  <g fill="#ffd166" opacity="0.85">
    ${Array.from({ length: 18 }, (_, i) => `<rect x="${80 + (i % 6) * 95}" y="${620 + Math.floor(i / 6) * 70}" width="26" height="34"/>`).join('')}
  </g>
  <rect x="0" y="860" width="1920" height="220" fill="url(#water)"/>
  <g fill="none" stroke="#0d2c4d" stroke-width="16">
    <path d="M0 860 L 1920 860"/>
    ${Array.from({ length: 8 }, (_, i) => `<path d="M${i * 240} 860 Q ${i * 240 + 120} 740 ${i * 240 + 240} 860"/>`).join('')}
  </g>
  <g stroke="#0d2c4d" stroke-width="10">
    ${Array.from({ length: 9 }, (_, i) => `<line x1="${i * 240}" y1="860" x2="${i * 240}" y2="960"/>`).join('')}
  </g>
  <g>
    <rect x="990" y="700" width="70" height="160" fill="#5fb4ff"/><rect x="1080" y="640" width="70" height="220" fill="#5fb4ff"/>
    <rect x="1170" y="560" width="70" height="300" fill="#5fb4ff"/><rect x="1260" y="470" width="70" height="390" fill="#3ddc84"/>
  </g>
  ${gear(1600, 250, 95, 11, '#ffd166', 0.95)}
  ${gear(1730, 360, 58, 9, '#f28c28', 0.95)}
  <g transform="translate(420 250) rotate(-8)">
    <polygon points="0,0 190,-70 380,0 190,70" fill="#0d1b2a"/>
    <path d="M90 35 L 90 120 Q 190 170 290 120 L 290 35 L 190 70 Z" fill="#1b2d44"/>
    <circle cx="190" cy="0" r="12" fill="#ffd166"/>
    <path d="M190 0 L 330 40 L 330 150" stroke="#ffd166" stroke-width="9" fill="none"/>
    <rect x="318" y="150" width="24" height="46" rx="6" fill="#ffd166"/>
  </g>
  <g fill="#ffffff" opacity="0.7">
    <circle cx="180" cy="120" r="4"/><circle cx="300" cy="70" r="3"/><circle cx="900" cy="90" r="4"/><circle cx="1120" cy="160" r="3"/><circle cx="1850" cy="90" r="3"/>
  </g>
</svg>`;

export interface DemoPictures {
  storyPhoto: Buffer;
  cityImage: Buffer;
}

let rendered: Promise<DemoPictures> | null = null;

/** Renders both pictures once per process (tests seed many databases). */
export function demoPictures(): Promise<DemoPictures> {
  rendered ??= Promise.all([STORY_PHOTO_SVG, CITY_IMAGE_SVG].map((svg) => sharp(Buffer.from(svg)).jpeg({ quality: 84, mozjpeg: true }).toBuffer())).then(
    ([storyPhoto, cityImage]) => ({ storyPhoto: storyPhoto!, cityImage: cityImage! }),
  );
  return rendered;
}
