import { describe, expect, it } from 'vitest';
import { PhraseMatcher, stems } from './phrases.js';
import { compareStrings, foldText, romanMark, splitAlnum, words } from './text.js';

describe('foldText', () => {
  it('lower-cases, folds accents and collapses punctuation', () => {
    expect(foldText('  Bösendorfer — Ÿamaha/P-45  ')).toBe('bosendorfer yamaha p 45');
    expect(foldText('Drums & Percussion')).toBe('drums and percussion');
    expect(words('')).toEqual([]);
  });
});

describe('splitAlnum', () => {
  it('splits letter/digit runs and strips leading zeros', () => {
    expect(splitAlnum('fantom06')).toEqual(['fantom', '6']);
    expect(splitAlnum('td17kvx')).toEqual(['td', '17', 'kvx']);
    expect(splitAlnum('000')).toEqual(['0']);
  });
  it('turns Roman generation marks into numbers', () => {
    expect(splitAlnum('a88mkii')).toEqual(['a', '88', 'mk', '2']);
    expect(romanMark('mkv')).toEqual(['mk', '5']);
    expect(romanMark('ii')).toEqual(['2']);
    expect(romanMark('v')).toEqual(['v']);
  });
});

describe('PhraseMatcher', () => {
  it('finds whole-word phrases with light stemming', () => {
    const m = new PhraseMatcher<string>();
    m.add('power supply', 'power');
    m.add('stand', 'mounting');
    expect(m.find(stems('Universal Power Supplies and Stands'))).toEqual(['power', 'mounting']);
    expect(m.find(stems('Superpower supplying standard'))).toEqual([]);
  });
});

it('compareStrings orders by code unit, independent of locale', () => {
  expect(['b', 'B', 'a'].sort(compareStrings)).toEqual(['B', 'a', 'b']);
});
