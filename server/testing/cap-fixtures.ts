/**
 * The four example alerts of CAP 1.2's Appendix A (OASIS Common Alerting Protocol Version 1.2,
 * 1 July 2010), as the standard gives them, and builders for alerts of our own time and wards.
 */

/** A.1 Homeland Security Advisory System Alert. */
export const CAP_A1_HOMELAND_SECURITY = `<?xml version = "1.0" encoding = "UTF-8"?>
<alert xmlns = "urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>43b080713727</identifier>
  <sender>hsas@dhs.gov</sender>
  <sent>2003-04-02T14:39:01-05:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <category>Security</category>
    <event>Homeland Security Advisory System Update</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <senderName>U.S. Government, Department of Homeland Security</senderName>
    <headline>Homeland Security Sets Code ORANGE</headline>
    <description>The Department of Homeland Security has elevated the Homeland Security Advisory System threat level to ORANGE / High in response to intelligence which may indicate a heightened threat of terrorism.</description>
    <instruction> A High Condition is declared when there is a high risk of terrorist attacks. In addition to the Protective Measures taken in the previous Threat Conditions, Federal departments and agencies should consider agency-specific Protective Measures in accordance with their existing plans.</instruction>
    <web>http://www.dhs.gov/dhspublic/display?theme=29</web>
    <parameter>
      <valueName>HSAS</valueName>
      <value>ORANGE</value>
    </parameter>
    <resource>
      <resourceDesc>Image file (GIF)</resourceDesc>
      <mimeType>image/gif</mimeType>
      <uri>http://www.dhs.gov/dhspublic/getAdvisoryImage</uri>
    </resource>
    <area>
      <areaDesc>U.S. nationwide and interests worldwide</areaDesc>
    </area>
  </info>
</alert>
`;

/** A.2 Severe Thunderstorm Warning. */
export const CAP_A2_THUNDERSTORM = `<?xml version = "1.0" encoding = "UTF-8"?>
<alert xmlns = "urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>KSTO1055887203</identifier>
  <sender>KSTO@NWS.NOAA.GOV</sender>
  <sent>2003-06-17T14:57:00-07:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <category>Met</category>
    <event>SEVERE THUNDERSTORM</event>
    <responseType>Shelter</responseType>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Observed</certainty>
    <eventCode>
      <valueName>SAME</valueName>
      <value>SVR</value>
    </eventCode>
    <expires>2003-06-17T16:00:00-07:00</expires>
    <senderName>NATIONAL WEATHER SERVICE SACRAMENTO CA</senderName>
    <headline>SEVERE THUNDERSTORM WARNING</headline>
    <description> AT 254 PM PDT...NATIONAL WEATHER SERVICE DOPPLER RADAR INDICATED A SEVERE THUNDERSTORM OVER SOUTH CENTRAL ALPINE COUNTY...OR ABOUT 18 MILES SOUTHEAST OF KIRKWOOD...MOVING SOUTHWEST AT 5 MPH. HAIL...INTENSE RAIN AND STRONG DAMAGING WINDS ARE LIKELY WITH THIS STORM.</description>
    <instruction>TAKE COVER IN A SUBSTANTIAL SHELTER UNTIL THE STORM PASSES.</instruction>
    <contact>BARUFFALDI/JUSKIE</contact>
    <area>
      <areaDesc>EXTREME NORTH CENTRAL TUOLUMNE COUNTY IN CALIFORNIA, EXTREME NORTHEASTERN CALAVERAS COUNTY IN CALIFORNIA, SOUTHWESTERN ALPINE COUNTY IN CALIFORNIA</areaDesc>
      <polygon>38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14</polygon>
      <geocode>
        <valueName>SAME</valueName>
        <value>006109</value>
      </geocode>
      <geocode>
        <valueName>SAME</valueName>
        <value>006009</value>
      </geocode>
      <geocode>
        <valueName>SAME</valueName>
        <value>006003</value>
      </geocode>
    </area>
  </info>
</alert>
`;

/** A.3 Earthquake Report (Update Message). */
export const CAP_A3_EARTHQUAKE_UPDATE = `<?xml version = "1.0" encoding = "UTF-8"?>
<alert xmlns = "urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>TRI13970876.2</identifier>
  <sender>trinet@caltech.edu</sender>
  <sent>2003-06-11T20:56:00-07:00</sent>
  <status>Actual</status>
  <msgType>Update</msgType>
  <scope>Public</scope>
  <references>trinet@caltech.edu,TRI13970876.1,2003-06-11T20:30:00-07:00</references>
  <info>
    <category>Geo</category>
    <event>Earthquake</event>
    <urgency>Past</urgency>
    <severity>Minor</severity>
    <certainty>Observed</certainty>
    <senderName>Southern California Seismic Network (TriNet) operated by Caltech and USGS</senderName>
    <headline>EQ 3.4 Imperial County CA</headline>
    <description>A minor earthquake measuring 3.4 on the Richter scale occurred near Brawley, California at 8:30 PM Pacific Daylight Time on Wednesday, June 11, 2003. (This event has now been reviewed by a seismologist)</description>
    <web>http://www.trinet.org/scsn/scsn.html</web>
    <parameter>
      <valueName>EventID</valueName>
      <value>13970876</value>
    </parameter>
    <parameter>
      <valueName>Version</valueName>
      <value>1</value>
    </parameter>
    <parameter>
      <valueName>Magnitude</valueName>
      <value>3.4 Ml</value>
    </parameter>
    <parameter>
      <valueName>Depth</valueName>
      <value>11.8 mi.</value>
    </parameter>
    <parameter>
      <valueName>Quality</valueName>
      <value>Excellent</value>
    </parameter>
    <area>
      <areaDesc>1 mi. WSW of Brawley, CA; 11 mi. N of El Centro, CA; 30 mi. E of OCOTILLO (quarry); 1 mi. N of the Imperial Fault</areaDesc>
      <circle>32.9525,-115.5527 0</circle>
    </area>
  </info>
</alert>
`;

/** A.4 AMBER Alert (Multilingual Message). */
export const CAP_A4_AMBER_MULTILINGUAL = `<?xml version = "1.0" encoding = "UTF-8"?>
<alert xmlns = "urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>KAR0-0306112239-SW</identifier>
  <sender>KARO@CLETS.DOJ.CA.GOV</sender>
  <sent>2003-06-11T22:39:00-07:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <source>SW</source>
  <scope>Public</scope>
  <info>
    <language>en-US</language>
    <category>Rescue</category>
    <event>Child Abduction</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <eventCode>
      <valueName>SAME</valueName>
      <value>CAE</value>
    </eventCode>
    <senderName>Los Angeles Police Dept - LAPD</senderName>
    <headline>Amber Alert in Los Angeles County</headline>
    <description>DATE/TIME: 06/11/03, 1915 HRS.  VICTIM(S): KHAYRI DOE JR. M/B BLK/BRO 3'0", 40 LBS. LIGHT COMPLEXION.  DOB 06/24/01. WEARING RED SHORTS, WHITE T-SHIRT, W/BLUE COLLAR.  LOCATION: 5721 DOE ST., LOS ANGELES, CA.  SUSPECT(S): KHAYRI DOE SR. DOB 04/18/71 M/B, BLK HAIR, BRO EYE. VEHICLE: 81' BUICK 2-DR, BLUE (4XXX000).</description>
    <contact>DET. SMITH, 77TH DIV, LOS ANGELES POLICE DEPT-LAPD AT 213 485-2389</contact>
    <area>
      <areaDesc>Los Angeles County</areaDesc>
      <geocode>
        <valueName>SAME</valueName>
        <value>006037</value>
      </geocode>
    </area>
  </info>
  <info>
    <language>es-US</language>
    <category>Rescue</category>
    <event>Abducción de Niño</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <eventCode>
      <valueName>SAME</valueName>
      <value>CAE</value>
    </eventCode>
    <senderName>Departamento de Policía de Los Ángeles - LAPD</senderName>
    <headline>Alerta Amber en el condado de Los Ángeles</headline>
    <description>DATE/TIME: 06/11/03, 1915 HORAS. VÍCTIMAS: KHAYRI DOE JR. M/B BLK/BRO 3'0", 40 LIBRAS. TEZ LIGERA. DOB 06/24/01. CORTOCIRCUITOS ROJOS QUE USAN, CAMISETA BLANCA, COLLAR DE W/BLUE. LOCALIZACIÓN: 5721 DOE ST., LOS ÁNGELES. SOSPECHOSO: KHAYRI DOE ST. DOB 04/18/71 M/B, PELO DEL NEGRO, OJO DE BRO. VEHÍCULO: 81' BUICK 2-DR, AZUL (4XXX000)</description>
    <contact>DET. SMITH, 77TH DIV, LOS ANGELES POLICE DEPT-LAPD AT 213 485-2389</contact>
    <area>
      <areaDesc>condado de Los Ángeles</areaDesc>
      <geocode>
        <valueName>SAME</valueName>
        <value>006037</value>
      </geocode>
    </area>
  </info>
</alert>
`;

export const APPENDIX_A = {
  'A.1 Homeland Security Advisory System alert': CAP_A1_HOMELAND_SECURITY,
  'A.2 severe thunderstorm warning': CAP_A2_THUNDERSTORM,
  'A.3 earthquake report (update)': CAP_A3_EARTHQUAKE_UPDATE,
  'A.4 AMBER alert (multilingual)': CAP_A4_AMBER_MULTILINGUAL,
};

const iso = (ms: number) => {
  const local = new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+07:00`;
};

/**
 * An Appendix A example moved to our own time and place: `sent` (and `expires`, kept as far
 * after it as in the original) at `now`, ward geocodes added to its first area, and any of its
 * elements' text replaced (`set`: element name → new text; the first occurrence).
 */
export function adapted(example: string, now: number, options: { wards?: string[]; set?: Record<string, string>; expiresInMs?: number } = {}): string {
  let xml = example.replace(/<sent>[^<]*<\/sent>/, `<sent>${iso(now)}</sent>`);
  xml = xml.replace(/<expires>[^<]*<\/expires>/, `<expires>${iso(now + (options.expiresInMs ?? 3_600_000))}</expires>`);
  if (options.wards?.length) {
    const codes = options.wards.map((w) => `<geocode><valueName>ward</valueName><value>${w}</value></geocode>`).join('');
    xml = xml.replace(/<\/areaDesc>/g, `</areaDesc>${codes}`);
  }
  for (const [name, text] of Object.entries(options.set ?? {})) {
    xml = xml.replace(new RegExp(`<${name}>[^<]*</${name}>`), `<${name}>${text}</${name}>`);
  }
  return xml;
}

/** The `sender,identifier,sent` reference to an alert's XML. */
export function referenceTo(xml: string): string {
  const get = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)![1]!.trim();
  return `${get('sender')},${get('identifier')},${get('sent')}`;
}

/** A Cancel (or an Update, with `msgType`) of `xml`, sent at `now`. */
export function cancelOf(xml: string, now: number, identifier: string, msgType: 'Cancel' | 'Update' = 'Cancel'): string {
  const sender = /<sender>([^<]*)<\/sender>/.exec(xml)![1]!;
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${identifier}</identifier>
  <sender>${sender}</sender>
  <sent>${iso(now)}</sent>
  <status>Actual</status>
  <msgType>${msgType}</msgType>
  <scope>Public</scope>
  <references>${referenceTo(xml)}</references>
</alert>
`;
}

/** Malformed and hostile documents, each with the code it must be refused with. */
export const HOSTILE: Record<string, { xml: string; status: number; code: string }> = {
  'an external entity (XXE)': {
    xml: `<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>`,
    status: 400, code: 'cap_dtd_refused',
  },
  'billion laughs': {
    xml: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol4;</identifier></alert>`,
    status: 400, code: 'cap_dtd_refused',
  },
  'a parameter entity in an internal subset': {
    xml: `<!DOCTYPE alert [<!ENTITY % remote SYSTEM "http://127.0.0.1:1/x.dtd"> %remote;]><alert/>`,
    status: 400, code: 'cap_dtd_refused',
  },
  'an undefined entity': {
    xml: CAP_A2_THUNDERSTORM.replace('SEVERE THUNDERSTORM WARNING', 'SEVERE&nbsp;THUNDERSTORM'),
    status: 400, code: 'cap_malformed_xml',
  },
  'not well-formed XML': { xml: CAP_A2_THUNDERSTORM.replace('</info>', ''), status: 400, code: 'cap_malformed_xml' },
  'not XML at all': { xml: '{"alert": true}', status: 400, code: 'cap_malformed_xml' },
  'CAP 1.1 (the wrong namespace)': {
    xml: CAP_A2_THUNDERSTORM.replace('urn:oasis:names:tc:emergency:cap:1.2', 'urn:oasis:names:tc:emergency:cap:1.1'),
    status: 422, code: 'cap_wrong_namespace',
  },
  'no namespace': { xml: CAP_A2_THUNDERSTORM.replace(' xmlns = "urn:oasis:names:tc:emergency:cap:1.2"', ''), status: 422, code: 'cap_wrong_namespace' },
  'no identifier': { xml: CAP_A2_THUNDERSTORM.replace(/<identifier>[^<]*<\/identifier>/, ''), status: 422, code: 'cap_invalid' },
  'no urgency in its info': { xml: CAP_A2_THUNDERSTORM.replace(/<urgency>[^<]*<\/urgency>/, ''), status: 422, code: 'cap_invalid' },
  'a status outside the list': { xml: CAP_A2_THUNDERSTORM.replace('<status>Actual</status>', '<status>Real</status>'), status: 422, code: 'cap_invalid' },
  'a severity outside the list': { xml: CAP_A2_THUNDERSTORM.replace('<severity>Severe</severity>', '<severity>Dire</severity>'), status: 422, code: 'cap_invalid' },
  'sent without an offset': { xml: CAP_A2_THUNDERSTORM.replace('2003-06-17T14:57:00-07:00', '2003-06-17T14:57:00'), status: 422, code: 'cap_invalid' },
  'sent in UTC with Z': { xml: CAP_A2_THUNDERSTORM.replace('2003-06-17T14:57:00-07:00', '2003-06-17T21:57:00Z'), status: 422, code: 'cap_invalid' },
  'expires on a date that does not exist': { xml: CAP_A2_THUNDERSTORM.replace('2003-06-17T16:00:00-07:00', '2003-02-30T16:00:00-07:00'), status: 422, code: 'cap_invalid' },
  'a Cancel without references': {
    xml: CAP_A2_THUNDERSTORM.replace('<msgType>Alert</msgType>', '<msgType>Cancel</msgType>'),
    status: 422, code: 'cap_invalid',
  },
  'a Restricted alert without its restriction': {
    xml: CAP_A2_THUNDERSTORM.replace('<scope>Public</scope>', '<scope>Restricted</scope>'),
    status: 422, code: 'cap_invalid',
  },
  'a sender with a space': { xml: CAP_A2_THUNDERSTORM.replace('KSTO@NWS.NOAA.GOV', 'KSTO NWS'), status: 422, code: 'cap_invalid' },
  'an encoding other than UTF-8': { xml: CAP_A2_THUNDERSTORM.replace('encoding = "UTF-8"', 'encoding = "ISO-8859-1"'), status: 415, code: 'cap_unsupported_encoding' },
};
