/**
 * The demo catalog's product table: `official model | commercial name | source category | price`.
 * Commercial names differ from official models on purpose (zero padding, hyphens, colour suffixes,
 * descriptors, brand aliases) so the merge has real work to do. `-` as official model = no official record.
 */
export const DEMO_TABLE: Record<string, string> = {
  Roland: `
FANTOM 6 | Roland FANTOM-06 Synthesizer Workstation 61 Keys | Keyboards > Synthesizers | 3299
FANTOM 7 | Roland FANTOM-07 Synthesizer Workstation 76 Keys | Keyboards > Synthesizers | 3799
FANTOM 8 | Roland FANTOM-08 Synthesizer Workstation 88 Keys | Keyboards > Synthesizers | 4299
JUNO-DS61 | Roland Juno DS-61 Synthesizer | Keyboards > Synthesizers | 899
JUNO-DS88 | Roland Juno DS 88 Synthesizer Weighted | Keyboards > Synthesizers | 1199
JUNO-X | Roland JUNO X Programmable Polyphonic Synthesizer | Keyboards > Synthesizers | 1899
JD-Xi | Roland JDXi Analog/Digital Crossover Synthesizer | Keyboards > Synthesizers | 549
JD-Xa | Roland JD-XA Crossover Synthesizer | Keyboards > Synthesizers | 1499
FP-10 | Roland FP10 Digital Piano Black | Keyboards > Digital Pianos | 499
FP-30X | Roland FP-30X BK Digital Piano | Keyboards > Digital Pianos | 749
FP-30X | Roland FP-30X WH Digital Piano White | Keyboards > Digital Pianos | 769
FP-60X | Roland FP60X Digital Piano | Keyboards > Digital Pianos | 1199
FP-90X | Roland FP-90X Digital Piano Black | Keyboards > Digital Pianos | 1999
RD-88 | Roland RD88 Stage Piano | Keyboards > Stage Pianos | 1299
RD-2000 | Roland RD 2000 Stage Piano | Keyboards > Stage Pianos | 2699
GO:KEYS 3 | Roland GO:KEYS 3 Music Creation Keyboard | Keyboards > Portable Keyboards | 349
GO:PIANO88 | Roland GO PIANO 88 Digital Piano | Keyboards > Digital Pianos | 499
HP704 | Roland HP-704 Home Digital Piano Rosewood | Keyboards > Home Pianos | 2799
LX708 | Roland LX-708 Premium Digital Piano | Keyboards > Home Pianos | 4999
VR-09-B | Roland V-Combo VR09B Live Performance Keyboard Organ | Keyboards > Organs | 999
A-88MKII | Roland A-88 MK2 MIDI Keyboard Controller | Studio > MIDI Controllers | 999
TD-07KV | Roland TD-07KV V-Drums Electronic Drum Kit | Drums > Electronic Drum Kits | 899
TD-17KVX2 | Roland TD-17KVX Gen 2 V-Drums Kit | Drums > Electronic Drum Kits | 1699
TD-27KV2 | Roland TD27KV2 V-Drums Electronic Drum Set | Drums > Electronic Drum Kits | 2899
TD-50KV2 | Roland TD-50KV2 V-Drums Flagship Kit | Drums > Electronic Drum Kits | 7999
SPD-SX PRO | Roland SPD-SX Pro Sampling Pad | Drums > Percussion Pads | 1199
SPD::ONE KICK | Roland SPD ONE Kick Percussion Pad | Drums > Percussion Pads | 199
SPD-30 | Roland Octapad SPD30 Digital Percussion Pad | Drums > Percussion Pads | 699
HPD-20 | Roland HandSonic HPD20 Hand Percussion Pad | Drums > Percussion Pads | 849
PD-140DS | Roland PD140DS Digital Snare Pad | Drums > Drum Pads | 599
KD-10 | Roland KD10 Kick Drum Trigger Pad | Drums > Drum Pads | 249
PDS-20 | Roland PDS-20 Drum Pad Stand | Drums > Drum Hardware | 129
MDS-COM | Roland MDS Compact Drum Stand | Drums > Drum Hardware | 349
KT-10 | Roland KT-10 Kick Pedal | Drums > Drum Hardware | 199
RDT-S | Roland RDT-S V-Drums Drum Throne | Drums > Drum Hardware | 199
JC-22 | Roland JC22 Jazz Chorus Guitar Amplifier | Amplifiers > Guitar Amps | 699
JC-40 | Roland JC-40 Jazz Chorus Guitar Amplifier | Amplifiers > Guitar Amps | 999
JC-120 | Roland JC120 Jazz Chorus Guitar Amplifier 2x12 | Amplifiers > Guitar Amps | 1399
BLUES CUBE HOT | Roland Blues Cube Hot Guitar Amplifier | Amplifiers > Guitar Amps | 649
GR-55 | Roland GR55 Guitar Synthesizer | Guitars > Guitar Synthesizers | 699
GK-5 | Roland GK5 Divided Pickup for guitar | Guitars > Guitar Synthesizers | 249
CUBE STREET EX | Roland Cube Street EX Battery Powered Amplifier | PA > Portable PA | 599
RUBIX22 | Roland Rubix 22 USB Audio Interface | Studio > Audio Interfaces | 149
RUBIX24 | Roland Rubix 24 USB Audio Interface | Studio > Audio Interfaces | 199
RUBIX44 | Roland Rubix44 USB Audio Interface | Studio > Audio Interfaces | 299
R-07 | Roland R07 High-Resolution Audio Recorder | Studio > Recorders | 229
VT-4 | Roland VT4 Voice Transformer | Studio > Vocal Processors | 229
TR-8S | Roland TR 8S Rhythm Performer Drum Machine | DJ > Drum Machines | 699
TR-6S | Roland TR6S Rhythm Performer Drum Machine | DJ > Drum Machines | 399
MC-707 | Roland MC707 Groovebox | DJ > Grooveboxes | 1199
MC-101 | Roland MC-101 Groovebox | DJ > Grooveboxes | 449
SP-404MKII | Roland SP-404 MK2 Creative Sampler | DJ > Samplers | 499
DJ-202 | Roland DJ202 DJ Controller | DJ > DJ Controllers | 299
DJ-707M | Roland DJ-707M DJ Controller | DJ > DJ Controllers | 999
TB-03 | Roland Boutique TB03 Bass Line | DJ > Synth Modules | 399
S-1 | Roland AIRA Compact S-1 Tweak Synth | DJ > Synth Modules | 199
J-6 | Roland AIRA Compact J-6 Chord Synth | DJ > Synth Modules | 179
T-8 | Roland AIRA Compact T-8 Beat Machine | DJ > Drum Machines | 199
CLOUD CORE | Roland Cloud Core Annual Membership | Software > Plugins & Cloud | 29.99
CLOUD PRO | Roland Cloud Pro Annual Membership | Software > Plugins & Cloud | 99
CLOUD ULTIMATE | Roland Cloud Ultimate Annual Membership | Software > Plugins & Cloud | 199
ZENOLOGY PRO | Roland ZENOLOGY Pro Software Synthesizer | Software > Plugins & Cloud | 149
JUPITER-8 LIFETIME KEY | Roland Cloud JUPITER-8 Lifetime Key Plugin | Software > Plugins & Cloud | 149
SH-101 LIFETIME KEY | Roland Cloud SH 101 Lifetime Key Plugin | Software > Plugins & Cloud | 149
PSB-1U | Roland PSB-1U AC Adapter for FP-10, JD-Xi, GO:KEYS 3 | Accessories > Power Supplies | 29
PSB-7U | Roland PSB-7U Power Adapter for RD-88, JUNO-DS61 | Accessories > Power Supplies | 39
KS-10Z | Roland KS-10Z Keyboard Stand Z-Style | Accessories > Stands | 79
KS-12 | Roland KS12 Keyboard Stand | Accessories > Stands | 69
KSC-70 | Roland KSC-70 Stand for FP-30X | Accessories > Stands | 99
KSC-72 | Roland KSC-72 Stand for FP-60X | Accessories > Stands | 119
DP-10 | Roland DP-10 Damper Pedal | Accessories > Pedals & Footswitches | 49
DP-2 | Roland DP2 Sustain Pedal | Accessories > Pedals & Footswitches | 25
EV-5 | Roland EV-5 Expression Pedal | Accessories > Pedals & Footswitches | 69
KPD-70 | Roland KPD-70 Triple Pedal Unit for FP-30X, FP-60X | Accessories > Pedals & Footswitches | 119
CB-76RL | Roland CB-76RL Keyboard Bag 76 Keys | Accessories > Cases & Bags | 159
CB-B61 | Roland CB-B61 Black Series Keyboard Bag | Accessories > Cases & Bags | 129
CB-B88V2 | Roland CB-B88V2 Keyboard Bag for FANTOM-08, RD-2000 | Accessories > Cases & Bags | 199
RH-300 | Roland RH-300 Stereo Headphones | Accessories > Headphones | 99
RH-5 | Roland RH-5 Monitor Headphones | Accessories > Headphones | 59
RMIDI-B10 | Roland RMIDI-B10 MIDI Cable 3m | Accessories > Cables | 15
RCC-10-TRTR | Roland RCC-10-TRTR Interconnect Cable 3m | Accessories > Cables | 19
RIC-G10 | Roland RIC-G10 Instrument Cable 3m | Accessories > Cables | 29
`,
  BOSS: `
DS-1 | Boss DS1 Distortion | Guitars > Effects Pedals | 69
SD-1 | Boss SD-1 Super OverDrive | Guitars > Effects Pedals | 69
BD-2 | BOSS BD2 Blues Driver | Guitars > Effects Pedals | 99
DS-2 | Boss DS-2 Turbo Distortion | Guitars > Effects Pedals | 99
MT-2 | Boss MT2 Metal Zone | Guitars > Effects Pedals | 99
DD-8 | Boss DD-8 Digital Delay | Guitars > Effects Pedals | 169
RV-6 | Boss RV6 Reverb | Guitars > Effects Pedals | 169
CH-1 | Boss CH-1 Super Chorus | Guitars > Effects Pedals | 119
OC-5 | Boss OC5 Octave | Guitars > Effects Pedals | 159
NS-2 | Boss NS-2 Noise Suppressor | Guitars > Effects Pedals | 109
PS-6 | Boss PS6 Harmonist | Guitars > Effects Pedals | 189
BC-1X | Boss BC-1X Bass Comp | Guitars > Effects Pedals | 169
TU-3 | BOSS TU3 Chromatic Tuner | Guitars > Tuners | 109
RC-30 | Boss RC30 Loop Station | Guitars > Loopers | 279
RC-500 | Boss RC-500 Loop Station | Guitars > Loopers | 359
GT-1000 | Boss GT1000 Guitar Effects Processor | Guitars > Multi-Effects | 1099
GT-1 | Boss GT-1 Guitar Effects Processor | Guitars > Multi-Effects | 229
ME-90 | BOSS ME90 Guitar Multiple Effects | Guitars > Multi-Effects | 389
SY-1000 | Boss SY1000 Guitar Synthesizer | Guitars > Guitar Synthesizers | 1199
KATANA-50 MKII | Boss Katana 50 MKII Guitar Amplifier | Amplifiers > Guitar Amps | 299
KATANA-100 MKII | Boss Katana-100 MK2 Guitar Amplifier | Amplifiers > Guitar Amps | 449
KATANA-MINI | Boss Katana Mini Guitar Amplifier | Amplifiers > Guitar Amps | 109
KATANA-AIR | Boss Katana Air Wireless Guitar Amplifier | Amplifiers > Guitar Amps | 399
KATANA-110 BASS | Boss Katana 110 Bass Amplifier | Amplifiers > Bass Amps | 399
NEXTONE STAGE | Boss Nextone Stage Guitar Amplifier | Amplifiers > Guitar Amps | 599
WL-50 | Boss WL50 Wireless System for guitar | Guitars > Wireless | 239
WAZA-AIR | Boss Waza-Air Wireless Headphones Guitar Amplifier | Accessories > Headphones | 449
DR-01S | Boss DR-01S Rhythm Partner | Drums > Drum Machines | 349
RC-505MKII | Boss RC-505 MK2 Loop Station | DJ > Loopers | 699
VE-500 | Boss VE500 Vocal Performer | PA > Vocal Processors | 299
VE-22 | Boss VE-22 Vocal Performer | PA > Vocal Processors | 249
CUBE STREET II | Boss Cube Street 2 Battery Powered Stereo Amplifier | PA > Portable PA | 449
MICRO BR-80 | Boss Micro BR80 Digital Recorder | Studio > Recorders | 199
POCKET GT | Boss Pocket GT Guitar Effects Headphone Amp | Studio > Recorders | 129
PSA-230S | BOSS PSA-230S Power Adapter for DS-1, SD-1, DD-8 effects | Accessories > Power Supplies | 19
BCB-30X | Boss BCB-30X Pedal Board Case | Accessories > Cases & Bags | 89
BCB-1000 | Boss BCB-1000 Pedal Board Case for GT-1000 | Accessories > Cases & Bags | 199
FS-5U | Boss FS-5U Footswitch | Accessories > Pedals & Footswitches | 29
FS-6 | Boss FS6 Dual Footswitch | Accessories > Pedals & Footswitches | 59
FS-7 | Boss FS-7 Dual Footswitch for RC-30, RC-500 | Accessories > Pedals & Footswitches | 79
EV-30 | Boss EV-30 Dual Expression Pedal | Accessories > Pedals & Footswitches | 99
FV-500H | Boss FV-500H Volume Pedal for guitar | Accessories > Pedals & Footswitches | 129
BIC-10 | Boss BIC-10 Instrument Cable 3m for guitar | Accessories > Cables | 29
BIC-P10 | Boss BIC-P10 Premium Instrument Cable 3m for guitar | Accessories > Cables | 39
BCK-6 | Boss BCK-6 Parallel DC Cord for effects | Accessories > Cables | 12
CB-EG10 | Boss CB-EG10 Electric Guitar Gig Bag | Accessories > Cases & Bags | 99
CB-EB10 | Boss CB-EB10 Bass Guitar Gig Bag | Accessories > Cases & Bags | 109
CB-BU10 | Boss CB-BU10 Utility Gig Bag for effects | Accessories > Cases & Bags | 69
`,
  Nord: `
STAGE 4 88 | Nord Stage 4 88 Stage Piano | Keyboards > Stage Pianos | 5499
STAGE 4 73 | Nord Stage 4 73 Stage Piano | Keyboards > Stage Pianos | 4799
STAGE 4 COMPACT | Nord Stage 4 Compact Stage Keyboard | Keyboards > Stage Pianos | 3999
ELECTRO 6D 61 | Clavia Nord Electro 6D 61 Stage Keyboard | Keyboards > Stage Pianos | 2399
ELECTRO 6D 73 | Nord Electro 6D-73 Stage Keyboard | Keyboards > Stage Pianos | 2799
ELECTRO 6HP | Nord Electro 6 HP Stage Piano | Keyboards > Stage Pianos | 3199
PIANO 5 73 | Nord Piano 5 73 Stage Piano | Keyboards > Stage Pianos | 3299
PIANO 5 88 | Nord Piano 5-88 Stage Piano | Keyboards > Stage Pianos | 3699
GRAND 2 | Nord Grand 2 Stage Piano Kawai Hammer Action | Keyboards > Stage Pianos | 4199
LEAD A1 | Nord Lead A1 Analog Modeling Synthesizer | Keyboards > Synthesizers | 1799
LEAD 4 | Clavia Nord Lead 4 Performance Synthesizer | Keyboards > Synthesizers | 2099
WAVE 2 | Nord Wave 2 Performance Synthesizer | Keyboards > Synthesizers | 2499
C2D | Nord C2D Combo Organ | Keyboards > Organs | 3999
PEDAL KEYS 27 | Nord Pedal Keys 27 MIDI Bass Pedals | Keyboards > Organs | 1199
DRUM 3P | Nord Drum 3P Modeling Percussion Synthesizer | Drums > Percussion Pads | 699
KEYBOARD STAND EX | Nord Keyboard Stand EX | Accessories > Stands | 349
KEYBOARD STAND WOOD 88 | Nord Keyboard Stand Wood 88 | Accessories > Stands | 469
SOFT CASE STAGE 88 | Nord Soft Case Stage 88 | Accessories > Cases & Bags | 229
SOFT CASE ELECTRO 61 | Nord Soft Case Electro 61 | Accessories > Cases & Bags | 179
SOFT CASE LEAD | Nord Soft Case Lead for Lead A1, Lead 4 | Accessories > Cases & Bags | 149
TRIPLE PEDAL 2 | Nord Triple Pedal 2 for Nord Piano 5, Grand 2 | Accessories > Pedals & Footswitches | 349
SUSTAIN PEDAL | Nord Sustain Pedal | Accessories > Pedals & Footswitches | 79
DUST COVER 88 | Nord Dust Cover 88 keys | Accessories > Cases & Bags | 99
HALF MOON SWITCH | Nord Half Moon Switch for organ | Accessories > Pedals & Footswitches | 349
`,
  Yamaha: `
P-45 | Yamaha P45B Digital Piano Black | Keyboards > Digital Pianos | 449
P-125a | Yamaha P 125a B Digital Piano | Keyboards > Digital Pianos | 649
P-125a | Yamaha P-125a WH Digital Piano White | Keyboards > Digital Pianos | 669
P-145 | Yamaha P145 Digital Piano | Keyboards > Digital Pianos | 499
P-225 | Yamaha P-225B Digital Piano | Keyboards > Digital Pianos | 799
P-515 | Yamaha P515 Digital Piano | Keyboards > Digital Pianos | 1499
DGX-670 | Yamaha DGX670 Portable Grand Digital Piano | Keyboards > Digital Pianos | 849
PSR-E373 | Yamaha PSR E373 Portable Keyboard | Keyboards > Portable Keyboards | 229
PSR-E473 | Yamaha PSR-E473 Portable Keyboard | Keyboards > Portable Keyboards | 349
PSR-SX700 | Yamaha PSR SX700 Arranger Workstation | Keyboards > Arranger Keyboards | 1699
PSR-SX900 | Yamaha PSR-SX900 Arranger Workstation | Keyboards > Arranger Keyboards | 2799
GENOS2 | Yamaha Genos 2 Digital Workstation | Keyboards > Arranger Keyboards | 5499
MODX6+ | Yamaha MODX6+ 61-Key Synthesizer | Keyboards > Synthesizers | 1699
MODX7+ | Yamaha MODX 7+ 76-Key Synthesizer | Keyboards > Synthesizers | 1999
MODX8+ | Yamaha MODX8 Plus 88-Key Synthesizer | Keyboards > Synthesizers | 2399
MONTAGE M6 | Yamaha Montage M6 Synthesizer | Keyboards > Synthesizers | 3999
MONTAGE M8x | Yamaha MONTAGE M8X Synthesizer | Keyboards > Synthesizers | 5499
CP73 | Yamaha CP-73 Stage Piano | Keyboards > Stage Pianos | 2199
CP88 | Yamaha CP 88 Stage Piano | Keyboards > Stage Pianos | 2699
reface CP | Yamaha Reface CP Mini Keyboard | Keyboards > Synthesizers | 499
reface DX | Yamaha Reface DX FM Synthesizer | Keyboards > Synthesizers | 499
YC61 | Yamaha YC-61 Stage Keyboard Organ | Keyboards > Organs | 2099
CLP-735 | Yamaha Clavinova CLP735 Digital Piano Rosewood | Keyboards > Home Pianos | 2699
CLP-745 | Yamaha Clavinova CLP-745 Digital Piano | Keyboards > Home Pianos | 3399
YDP-145 | Yamaha Arius YDP145 Digital Piano | Keyboards > Home Pianos | 1299
YDP-165 | Yamaha Arius YDP-165 Digital Piano | Keyboards > Home Pianos | 1599
DTX402K | Yamaha DTX 402K Electronic Drum Kit | Drums > Electronic Drum Kits | 449
DTX452K | Yamaha DTX452K Electronic Drum Kit | Drums > Electronic Drum Kits | 599
DTX6K-X | Yamaha DTX6KX Electronic Drum Kit | Drums > Electronic Drum Kits | 1499
DTX8K-M | Yamaha DTX8K-M Electronic Drum Kit Mesh | Drums > Electronic Drum Kits | 3999
STAGE CUSTOM BIRCH | Yamaha Stage Custom Birch Acoustic Drum Kit | Drums > Acoustic Drum Kits | 899
RYDEEN | Yamaha Rydeen Acoustic Drum Kit | Drums > Acoustic Drum Kits | 599
HS740A | Yamaha HS740A Hi-Hat Stand | Drums > Drum Hardware | 149
FP7210A | Yamaha FP7210A Kick Pedal for drum | Drums > Drum Hardware | 129
DS550U | Yamaha DS550U Drum Throne | Drums > Drum Hardware | 99
SS662 | Yamaha SS662 Snare Stand for drum | Drums > Drum Hardware | 89
PACIFICA 112V | Yamaha Pacifica PAC112V Electric Guitar | Guitars > Electric Guitars | 329
PACIFICA 612VIIFM | Yamaha Pacifica 612 VIIFM Electric Guitar | Guitars > Electric Guitars | 699
REVSTAR RSE20 | Yamaha Revstar RSE 20 Electric Guitar | Guitars > Electric Guitars | 599
FG800 | Yamaha FG-800 Acoustic Guitar | Guitars > Acoustic Guitars | 249
FG830 | Yamaha FG830 Acoustic Guitar Natural | Guitars > Acoustic Guitars | 319
TRBX174 | Yamaha TRBX 174 Bass Guitar | Guitars > Bass Guitars | 279
BB234 | Yamaha BB-234 Bass Guitar | Guitars > Bass Guitars | 499
SLG200S | Yamaha SLG-200S Silent Guitar | Guitars > Acoustic Guitars | 799
THR10II | Yamaha THR10 II Desktop Guitar Amplifier | Amplifiers > Guitar Amps | 299
THR30II WIRELESS | Yamaha THR30II Wireless Guitar Amplifier | Amplifiers > Guitar Amps | 449
THR5 | Yamaha THR-5 Desktop Guitar Amplifier | Amplifiers > Guitar Amps | 229
HS5 | Yamaha HS-5 Powered Studio Monitor | Studio > Studio Monitors | 199
HS7 | Yamaha HS7 Powered Studio Monitor | Studio > Studio Monitors | 279
HS8 | Yamaha HS 8 Powered Studio Monitor | Studio > Studio Monitors | 369
HS8S | Yamaha HS8S Studio Subwoofer | Studio > Studio Monitors | 599
HPH-MT8 | Yamaha HPH-MT8 Studio Headphones | Accessories > Headphones | 199
HPH-MT5 | Yamaha HPH MT5 Studio Headphones | Accessories > Headphones | 99
AG06MK2 | Yamaha AG06 MK2 Live Streaming Mixer | Studio > Audio Interfaces | 149
AG03MK2 | Yamaha AG03MK2 Live Streaming Mixer | Studio > Audio Interfaces | 119
MG10XU | Yamaha MG10XU Analog Mixer | PA > Mixers | 249
MG12XU | Yamaha MG-12XU Analog Mixer | PA > Mixers | 379
MG16XU | Yamaha MG16XU Analog Mixer | PA > Mixers | 549
TF1 | Yamaha TF-1 Digital Mixer | PA > Mixers | 4599
DBR10 | Yamaha DBR-10 Powered Speaker | PA > Active Speakers | 399
DBR12 | Yamaha DBR12 Powered Speaker | PA > Active Speakers | 499
DXR12MKII | Yamaha DXR12 mkII Powered Speaker | PA > Active Speakers | 849
DXS12MKII | Yamaha DXS12 mkII Powered Subwoofer | PA > Subwoofers | 999
STAGEPAS 400BT | Yamaha Stagepas 400BT Portable PA | PA > Portable PA | 799
STAGEPAS 1K | Yamaha STAGEPAS 1K Portable PA | PA > Portable PA | 1599
SEQTRAK | Yamaha SEQTRAK Mobile Groovebox | DJ > Grooveboxes | 599
PA-150B | Yamaha PA-150B Power Adapter for P-45, P-125a, PSR-E373 | Accessories > Power Supplies | 39
PA-300C | Yamaha PA-300C Power Adapter for MODX6+, PSR-SX700 | Accessories > Power Supplies | 59
L-85 | Yamaha L-85 Keyboard Stand for P-45 | Accessories > Stands | 99
L-125 | Yamaha L125 Stand for P-125a | Accessories > Stands | 129
L-515 | Yamaha L-515 Stand for P-515 | Accessories > Stands | 149
FC3A | Yamaha FC3A Sustain Pedal | Accessories > Pedals & Footswitches | 59
FC4A | Yamaha FC-4A Sustain Pedal | Accessories > Pedals & Footswitches | 49
FC5 | Yamaha FC5 Footswitch | Accessories > Pedals & Footswitches | 25
FC7 | Yamaha FC7 Expression Pedal | Accessories > Pedals & Footswitches | 59
LP-1 | Yamaha LP-1 Triple Pedal Unit for P-125a, P-145 | Accessories > Pedals & Footswitches | 99
SC-KB850 | Yamaha SC-KB850 Soft Case for keyboard | Accessories > Cases & Bags | 109
BC-100DR | Yamaha BC-100DR Piano Bench | Accessories > Stands | 129
`,
  RCF: `
ART 708-A MK5 | RCF ART 708-A MKV Active Speaker | PA > Active Speakers | 599
ART 710-A MK5 | RCF ART710-A MK5 Active Speaker | PA > Active Speakers | 699
ART 712-A MK5 | RCF ART 712A MK 5 Active Speaker | PA > Active Speakers | 799
ART 715-A MK5 | RCF ART-715-A MK5 Active Speaker | PA > Active Speakers | 899
ART 745-A MK5 | RCF ART 745-A MK5 Active Speaker | PA > Active Speakers | 1099
ART 910-A | RCF ART910-A Active Speaker 2100W | PA > Active Speakers | 949
ART 912-A | RCF ART 912 A Active Speaker | PA > Active Speakers | 1049
ART 932-A | RCF ART 932-A Active Speaker | PA > Active Speakers | 1499
EVOX 5 | RCF EVOX5 Active Array System | PA > Column PA | 999
EVOX 8 | RCF EVOX 8 Active Array System | PA > Column PA | 1299
EVOX 12 | RCF EVOX-12 Active Array System | PA > Column PA | 1999
HD 10-A MK5 | RCF HD10-A MK5 Active Speaker | PA > Active Speakers | 399
HD 12-A MK5 | RCF HD 12-A MKV Active Speaker | PA > Active Speakers | 499
HD 32-A MK5 | RCF HD32-A MK5 Active Speaker | PA > Active Speakers | 599
NX 932-A | RCF NX932-A Active Speaker | PA > Active Speakers | 1999
SUB 702-AS MK3 | RCF SUB 702-AS MKIII Active Subwoofer | PA > Subwoofers | 1099
SUB 705-AS MK3 | RCF SUB705-AS MK3 Active Subwoofer | PA > Subwoofers | 1299
SUB 708-AS MK3 | RCF SUB 708 AS MK3 Active Subwoofer | PA > Subwoofers | 1599
SUB 8003-AS | RCF SUB 8003-AS II Active Subwoofer | PA > Subwoofers | 2999
HDL 6-A | RCF HDL6-A Active Line Array Module | PA > Line Arrays | 2799
F 6X | RCF F6X Mixer with FX | PA > Mixers | 199
F 10XR | RCF F 10XR Mixer with FX | PA > Mixers | 349
F 12XR | RCF F12XR Mixer with FX | PA > Mixers | 449
F 16XR | RCF F-16XR Mixer with FX | PA > Mixers | 549
M 18 | RCF M18 Digital Mixer | PA > Mixers | 999
AYRA PRO5 | RCF Ayra Pro 5 Active Studio Monitor | Studio > Studio Monitors | 199
AYRA PRO6 | RCF AYRA PRO6 Active Studio Monitor | Studio > Studio Monitors | 249
AYRA PRO8 | RCF Ayra Pro8 Active Studio Monitor | Studio > Studio Monitors | 329
CVR ART 710 | RCF CVR-ART710 Cover for ART 710-A | Accessories > Cases & Bags | 59
CVR ART 712 | RCF CVR-ART712 Cover for ART 712-A | Accessories > Cases & Bags | 79
CVR ART 715 | RCF CVR ART 715 Cover for ART 715-A | Accessories > Cases & Bags | 89
BAG EVOX 5 | RCF Transport Bag EVOX 5 | Accessories > Cases & Bags | 149
FLIGHT CASE EVOX 8 | RCF Flight Case for EVOX 8 | Accessories > Cases & Bags | 599
AC-BR-ART7 | RCF AC-BR-ART7 Wall Bracket for speaker | Accessories > Stands | 79
AC-M35 | RCF AC M35 Pole Mount for speaker subwoofer | Accessories > Stands | 79
AC-U-HD10 | RCF AC-U-HD10 Bracket for HD 10-A | Accessories > Stands | 59
`,
  Bespeco: `
EAGLE300 | Bespeco EAGLE300 Instrument Cable 3m for guitar | Accessories > Cables | 19
EAGLE600 | Bespeco EAGLE600 Instrument Cable 6m for guitar | Accessories > Cables | 25
EAGLE900 | Bespeco EAGLE900 Instrument Cable 9m for guitar | Accessories > Cables | 32
XCMB300 | Bespeco XCMB300 XLR Microphone Cable 3m | Accessories > Cables | 15
XCMB500 | Bespeco XCMB500 XLR Microphone Cable 5m | Accessories > Cables | 19
XCMB1000 | Bespeco XCMB1000 XLR Microphone Cable 10m | Accessories > Cables | 29
SPK500 | Bespeco SPK500 Speaker Cable Speakon 5m | Accessories > Cables | 25
SPK1000 | Bespeco SPK1000 Speaker Cable Speakon 10m | Accessories > Cables | 35
MMD100 | Bespeco MMD100 MIDI Cable 1m | Accessories > Cables | 8
MMD300 | Bespeco MMD300 MIDI Cable 3m | Accessories > Cables | 11
USB-AB300 | Bespeco USB AB300 USB Cable 3m | Accessories > Cables | 9
KBC300 | Bespeco KBC300 Keyboard Cable Stereo 3m | Accessories > Cables | 17
PATCH15 | Bespeco PATCH15 Patch Cable 15cm 6-pack for effects | Accessories > Cables | 24
IEC200 | Bespeco IEC200 Power Cable 2m | Accessories > Cables | 9
SH10 | Bespeco SH10 Keyboard Stand X | Accessories > Stands | 39
SH20 | Bespeco SH20 Double X Keyboard Stand | Accessories > Stands | 69
SH500 | Bespeco SH500 Z Keyboard Stand | Accessories > Stands | 129
MSF10 | Bespeco MSF10 Microphone Stand | Accessories > Stands | 29
SH15 | Bespeco SH15 Speaker Stand Pair | Accessories > Stands | 79
GS1 | Bespeco GS1 Guitar Stand | Accessories > Stands | 19
SGB1 | Bespeco SGB1 Drum Throne | Accessories > Stands | 49
LPS1 | Bespeco LPS1 DJ Laptop Stand | Accessories > Stands | 49
SMS1 | Bespeco SMS1 Studio Monitor Stand Pair | Accessories > Stands | 59
BAG4PN | Bespeco BAG4PN Keyboard Gig Bag 61 Keys | Accessories > Cases & Bags | 69
BAG4EX | Bespeco BAG4EX Keyboard Gig Bag 88 Keys | Accessories > Cases & Bags | 99
BAG6EG | Bespeco BAG6EG Electric Guitar Gig Bag | Accessories > Cases & Bags | 39
BAG6BS | Bespeco BAG6BS Bass Gig Bag | Accessories > Cases & Bags | 45
CVR12 | Bespeco CVR12 Speaker Cover 12 inch | Accessories > Cases & Bags | 29
BAGMX | Bespeco BAGMX Mixer Bag | Accessories > Cases & Bags | 49
BAGSTK | Bespeco BAGSTK Drum Stick Bag | Accessories > Cases & Bags | 19
VM18L | Bespeco VM18L Sustain Pedal for keyboard | Accessories > Pedals & Footswitches | 19
LG7 | Bespeco LG7 Piano Sustain Pedal | Accessories > Pedals & Footswitches | 29
VM25 | Bespeco VM25 Expression Pedal | Accessories > Pedals & Footswitches | 49
FS2 | Bespeco FS2 Footswitch | Accessories > Pedals & Footswitches | 15
VM17L | Bespeco VM17L Volume Pedal for guitar | Accessories > Pedals & Footswitches | 39
PSU9 | Bespeco PSU9 9V Power Supply for guitar effects | Accessories > Power Supplies | 19
PSU12 | Bespeco PSU12 12V Power Adapter for keyboard | Accessories > Power Supplies | 29
HP20 | Bespeco HP20 Studio Headphones | Accessories > Headphones | 39
- | Bespeco Cable Tester CT1 | Accessories > Tools | 59
- | Bespeco Gift Card 50 | Outlet | 50
`,
  Steinberg: `
CUBASE PRO 13 | Steinberg Cubase Pro 13 DAW Software | Software > DAW | 579
CUBASE ARTIST 13 | Steinberg Cubase Artist 13 DAW Software | Software > DAW | 329
CUBASE ELEMENTS 13 | Steinberg Cubase Elements 13 DAW Software | Software > DAW | 99
DORICO PRO 5 | Steinberg Dorico Pro 5 Notation Software | Software > Notation | 579
WAVELAB PRO 12 | Steinberg WaveLab Pro 12 Mastering Software | Software > DAW | 579
UR22C | Steinberg UR22C USB Audio Interface | Studio > Audio Interfaces | 179
UR44C | Steinberg UR44C USB Audio Interface | Studio > Audio Interfaces | 329
HALION 7 | Steinberg HALion 7 Sampler Plugin | Software > Plugins & Cloud | 349
`,
};
