/**
 * Names a custom function's id or name must not take, for the naming tests (metadata.test.ts,
 * test/build/functionsBuild.test.ts).
 *
 * "Custom functions naming and localization"
 * (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-naming):
 * - "Avoid an `id` or `name` that matches a built-in Excel function in any language" (Localize
 *   function names);
 * - "Avoid names that match: A cell reference (A1 to XFD1048576 or R1C1 to R1048576C16384); An
 *   Excel 4.0 Macro Function (such as RUN, ECHO)".
 *
 * The English names are Excel's worksheet functions by family, written out by hand after the
 * families of Microsoft's support page "Excel functions (by category)" (not checked against it
 * mechanically: no copy of it is kept here), Microsoft 365's newer ones included (XLOOKUP, LET, GROUPBY, REGEXTEST, TRIMRANGE …); a function
 * Excel adds later belongs here too. The families the LAUNCH functions live next to (date and
 * time, lookup and reference, text, logical, math and trig, information) are meant to be complete.
 * Other languages: Chinese and Japanese Excel show the English names; the localized names of the
 * date and lookup families (and a few everyday ones) of the European Excel languages are below.
 * The macro list is the common Excel 4.0 macro functions, not the whole reference.
 */

const DATE_AND_TIME = [
  'DATE', 'DATEDIF', 'DATEVALUE', 'DAY', 'DAYS', 'DAYS360', 'EDATE', 'EOMONTH', 'HOUR', 'ISOWEEKNUM',
  'MINUTE', 'MONTH', 'NETWORKDAYS', 'NETWORKDAYS.INTL', 'NOW', 'SECOND', 'TIME', 'TIMEVALUE', 'TODAY',
  'WEEKDAY', 'WEEKNUM', 'WORKDAY', 'WORKDAY.INTL', 'YEAR', 'YEARFRAC',
];

const LOOKUP_AND_REFERENCE = [
  'ADDRESS', 'AREAS', 'CHOOSE', 'CHOOSECOLS', 'CHOOSEROWS', 'COLUMN', 'COLUMNS', 'DROP', 'EXPAND',
  'FILTER', 'FORMULATEXT', 'GETPIVOTDATA', 'GROUPBY', 'HLOOKUP', 'HSTACK', 'HYPERLINK', 'IMAGE', 'INDEX',
  'INDIRECT', 'LOOKUP', 'MATCH', 'OFFSET', 'PIVOTBY', 'ROW', 'ROWS', 'RTD', 'SORT', 'SORTBY', 'TAKE',
  'TOCOL', 'TOROW', 'TRANSPOSE', 'TRIMRANGE', 'UNIQUE', 'VLOOKUP', 'VSTACK', 'WRAPCOLS', 'WRAPROWS',
  'XLOOKUP', 'XMATCH',
];

const TEXT = [
  'ARRAYTOTEXT', 'ASC', 'BAHTTEXT', 'CHAR', 'CLEAN', 'CODE', 'CONCAT', 'CONCATENATE', 'DBCS',
  'DETECTLANGUAGE', 'DOLLAR', 'EXACT', 'FIND', 'FINDB', 'FIXED', 'JIS', 'LEFT', 'LEFTB', 'LEN', 'LENB',
  'LOWER', 'MID', 'MIDB', 'NUMBERVALUE', 'PHONETIC', 'PROPER', 'REGEXEXTRACT', 'REGEXREPLACE',
  'REGEXTEST', 'REPLACE', 'REPLACEB', 'REPT', 'RIGHT', 'RIGHTB', 'SEARCH', 'SEARCHB', 'SUBSTITUTE', 'T',
  'TEXT', 'TEXTAFTER', 'TEXTBEFORE', 'TEXTJOIN', 'TEXTSPLIT', 'TRANSLATE', 'TRIM', 'UNICHAR', 'UNICODE',
  'UPPER', 'VALUE', 'VALUETOTEXT',
];

const LOGICAL = [
  'AND', 'BYCOL', 'BYROW', 'FALSE', 'IF', 'IFERROR', 'IFNA', 'IFS', 'LAMBDA', 'LET', 'MAKEARRAY', 'MAP',
  'NOT', 'OR', 'REDUCE', 'SCAN', 'SWITCH', 'TRUE', 'XOR',
];

const MATH_AND_TRIG = [
  'ABS', 'ACOS', 'ACOSH', 'ACOT', 'ACOTH', 'AGGREGATE', 'ARABIC', 'ASIN', 'ASINH', 'ATAN', 'ATAN2',
  'ATANH', 'BASE', 'CEILING', 'CEILING.MATH', 'CEILING.PRECISE', 'COMBIN', 'COMBINA', 'COS', 'COSH',
  'COT', 'COTH', 'CSC', 'CSCH', 'DECIMAL', 'DEGREES', 'EVEN', 'EXP', 'FACT', 'FACTDOUBLE', 'FLOOR',
  'FLOOR.MATH', 'FLOOR.PRECISE', 'GCD', 'INT', 'ISO.CEILING', 'LCM', 'LN', 'LOG', 'LOG10', 'MDETERM',
  'MINVERSE', 'MMULT', 'MOD', 'MROUND', 'MULTINOMIAL', 'MUNIT', 'ODD', 'PERCENTOF', 'PI', 'POWER',
  'PRODUCT', 'QUOTIENT', 'RADIANS', 'RAND', 'RANDARRAY', 'RANDBETWEEN', 'ROMAN', 'ROUND', 'ROUNDDOWN',
  'ROUNDUP', 'SEC', 'SECH', 'SEQUENCE', 'SERIESSUM', 'SIGN', 'SIN', 'SINH', 'SQRT', 'SQRTPI', 'SUBTOTAL',
  'SUM', 'SUMIF', 'SUMIFS', 'SUMPRODUCT', 'SUMSQ', 'SUMX2MY2', 'SUMX2PY2', 'SUMXMY2', 'TAN', 'TANH',
  'TRUNC',
];

const INFORMATION = [
  'CELL', 'ERROR.TYPE', 'INFO', 'ISBLANK', 'ISERR', 'ISERROR', 'ISEVEN', 'ISFORMULA', 'ISLOGICAL', 'ISNA',
  'ISNONTEXT', 'ISNUMBER', 'ISODD', 'ISOMITTED', 'ISREF', 'ISTEXT', 'N', 'NA', 'SHEET', 'SHEETS', 'TYPE',
];

const STATISTICAL = [
  'AVEDEV', 'AVERAGE', 'AVERAGEA', 'AVERAGEIF', 'AVERAGEIFS', 'BETA.DIST', 'BETA.INV', 'BINOM.DIST',
  'BINOM.DIST.RANGE', 'BINOM.INV', 'CHISQ.DIST', 'CHISQ.DIST.RT', 'CHISQ.INV', 'CHISQ.INV.RT',
  'CHISQ.TEST', 'CONFIDENCE.NORM', 'CONFIDENCE.T', 'CORREL', 'COUNT', 'COUNTA', 'COUNTBLANK', 'COUNTIF',
  'COUNTIFS', 'COVARIANCE.P', 'COVARIANCE.S', 'DEVSQ', 'EXPON.DIST', 'F.DIST', 'F.DIST.RT', 'F.INV',
  'F.INV.RT', 'F.TEST', 'FISHER', 'FISHERINV', 'FORECAST', 'FORECAST.ETS', 'FORECAST.ETS.CONFINT',
  'FORECAST.ETS.SEASONALITY', 'FORECAST.ETS.STAT', 'FORECAST.LINEAR', 'FREQUENCY', 'GAMMA', 'GAMMA.DIST',
  'GAMMA.INV', 'GAMMALN', 'GAMMALN.PRECISE', 'GAUSS', 'GEOMEAN', 'GROWTH', 'HARMEAN', 'HYPGEOM.DIST',
  'INTERCEPT', 'KURT', 'LARGE', 'LINEST', 'LOGEST', 'LOGNORM.DIST', 'LOGNORM.INV', 'MAX', 'MAXA',
  'MAXIFS', 'MEDIAN', 'MIN', 'MINA', 'MINIFS', 'MODE.MULT', 'MODE.SNGL', 'NEGBINOM.DIST', 'NORM.DIST',
  'NORM.INV', 'NORM.S.DIST', 'NORM.S.INV', 'PEARSON', 'PERCENTILE.EXC', 'PERCENTILE.INC',
  'PERCENTRANK.EXC', 'PERCENTRANK.INC', 'PERMUT', 'PERMUTATIONA', 'PHI', 'POISSON.DIST', 'PROB',
  'QUARTILE.EXC', 'QUARTILE.INC', 'RANK.AVG', 'RANK.EQ', 'RSQ', 'SKEW', 'SKEW.P', 'SLOPE', 'SMALL',
  'STANDARDIZE', 'STDEV.P', 'STDEV.S', 'STDEVA', 'STDEVPA', 'STEYX', 'T.DIST', 'T.DIST.2T', 'T.DIST.RT',
  'T.INV', 'T.INV.2T', 'T.TEST', 'TREND', 'TRIMMEAN', 'VAR.P', 'VAR.S', 'VARA', 'VARPA', 'WEIBULL.DIST',
  'Z.TEST',
];

const COMPATIBILITY = [
  'BETADIST', 'BETAINV', 'BINOMDIST', 'CHIDIST', 'CHIINV', 'CHITEST', 'CONFIDENCE', 'COVAR', 'CRITBINOM',
  'EXPONDIST', 'FDIST', 'FINV', 'FTEST', 'GAMMADIST', 'GAMMAINV', 'HYPGEOMDIST', 'LOGINV', 'LOGNORMDIST',
  'MODE', 'NEGBINOMDIST', 'NORMDIST', 'NORMINV', 'NORMSDIST', 'NORMSINV', 'PERCENTILE', 'PERCENTRANK',
  'POISSON', 'QUARTILE', 'RANK', 'STDEV', 'STDEVP', 'TDIST', 'TINV', 'TTEST', 'VAR', 'VARP', 'WEIBULL',
  'ZTEST',
];

const FINANCIAL = [
  'ACCRINT', 'ACCRINTM', 'AMORDEGRC', 'AMORLINC', 'COUPDAYBS', 'COUPDAYS', 'COUPDAYSNC', 'COUPNCD',
  'COUPNUM', 'COUPPCD', 'CUMIPMT', 'CUMPRINC', 'DB', 'DDB', 'DISC', 'DOLLARDE', 'DOLLARFR', 'DURATION',
  'EFFECT', 'FV', 'FVSCHEDULE', 'INTRATE', 'IPMT', 'IRR', 'ISPMT', 'MDURATION', 'MIRR', 'NOMINAL', 'NPER',
  'NPV', 'ODDFPRICE', 'ODDFYIELD', 'ODDLPRICE', 'ODDLYIELD', 'PDURATION', 'PMT', 'PPMT', 'PRICE',
  'PRICEDISC', 'PRICEMAT', 'PV', 'RATE', 'RECEIVED', 'RRI', 'SLN', 'STOCKHISTORY', 'SYD', 'TBILLEQ',
  'TBILLPRICE', 'TBILLYIELD', 'VDB', 'XIRR', 'XNPV', 'YIELD', 'YIELDDISC', 'YIELDMAT',
];

const ENGINEERING = [
  'BESSELI', 'BESSELJ', 'BESSELK', 'BESSELY', 'BIN2DEC', 'BIN2HEX', 'BIN2OCT', 'BITAND', 'BITLSHIFT',
  'BITOR', 'BITRSHIFT', 'BITXOR', 'COMPLEX', 'CONVERT', 'DEC2BIN', 'DEC2HEX', 'DEC2OCT', 'DELTA', 'ERF',
  'ERF.PRECISE', 'ERFC', 'ERFC.PRECISE', 'GESTEP', 'HEX2BIN', 'HEX2DEC', 'HEX2OCT', 'IMABS', 'IMAGINARY',
  'IMARGUMENT', 'IMCONJUGATE', 'IMCOS', 'IMCOSH', 'IMCOT', 'IMCSC', 'IMCSCH', 'IMDIV', 'IMEXP', 'IMLN',
  'IMLOG10', 'IMLOG2', 'IMPOWER', 'IMPRODUCT', 'IMREAL', 'IMSEC', 'IMSECH', 'IMSIN', 'IMSINH', 'IMSQRT',
  'IMSUB', 'IMSUM', 'IMTAN', 'OCT2BIN', 'OCT2DEC', 'OCT2HEX',
];

const DATABASE_CUBE_WEB_AND_OTHER = [
  'DAVERAGE', 'DCOUNT', 'DCOUNTA', 'DGET', 'DMAX', 'DMIN', 'DPRODUCT', 'DSTDEV', 'DSTDEVP', 'DSUM', 'DVAR',
  'DVARP', 'CUBEKPIMEMBER', 'CUBEMEMBER', 'CUBEMEMBERPROPERTY', 'CUBERANKEDMEMBER', 'CUBESET',
  'CUBESETCOUNT', 'CUBEVALUE', 'ENCODEURL', 'FILTERXML', 'WEBSERVICE', 'CALL', 'EUROCONVERT',
  'REGISTER.ID', 'COPILOT', 'FIELDVALUE', 'PY',
];

/**
 * Localized names of the families nearest to the LAUNCH functions (date and time, lookup, the
 * everyday ones), in German, French, Spanish, Italian, Portuguese and Dutch Excel. WORKDAY and
 * NETWORKDAYS come first in each language.
 */
const LOCALIZED = [
  // German
  'ARBEITSTAG', 'NETTOARBEITSTAGE', 'HEUTE', 'JETZT', 'DATUM', 'TAG', 'TAGE', 'MONAT', 'JAHR', 'WOCHENTAG',
  'KALENDERWOCHE', 'EDATUM', 'MONATSENDE', 'SVERWEIS', 'WVERWEIS', 'XVERWEIS', 'WENN', 'SUMME', 'ANZAHL',
  'MITTELWERT',
  // French
  'SERIE.JOUR.OUVRE', 'NB.JOURS.OUVRES', 'AUJOURDHUI', 'MAINTENANT', 'JOUR', 'JOURS', 'MOIS', 'ANNEE',
  'JOURSEM', 'NO.SEMAINE', 'MOIS.DECALER', 'FIN.MOIS', 'RECHERCHEV', 'RECHERCHEH', 'RECHERCHEX', 'SI',
  'SOMME', 'NB', 'MOYENNE',
  // Spanish
  'DIA.LAB', 'DIAS.LAB', 'HOY', 'AHORA', 'FECHA', 'DIA', 'DIAS', 'MES', 'AÑO', 'DIASEM', 'FECHA.MES',
  'FIN.MES', 'BUSCARV', 'BUSCARH', 'BUSCARX', 'SUMA', 'CONTAR', 'PROMEDIO',
  // Italian
  'GIORNO.LAVORATIVO', 'GIORNI.LAVORATIVI.TOT', 'OGGI', 'ADESSO', 'DATA', 'GIORNO', 'MESE', 'ANNO',
  'CERCA.VERT', 'SE', 'SOMMA',
  // Portuguese (Brazil)
  'DIATRABALHO', 'DIATRABALHOTOTAL', 'HOJE', 'AGORA', 'MÊS', 'ANO', 'PROCV', 'SOMA',
  // Dutch
  'WERKDAG', 'NETTO.WERKDAGEN', 'VANDAAG', 'NU', 'DAG', 'MAAND', 'JAAR', 'VERT.ZOEKEN', 'ALS', 'SOM',
];

/** Common Excel 4.0 macro functions (the naming page names RUN and ECHO). */
const EXCEL4_MACROS = [
  'ABSREF', 'ACTIVE.CELL', 'ADD.BAR', 'ADD.COMMAND', 'ADD.MENU', 'ADD.TOOLBAR', 'ALERT', 'APP.ACTIVATE',
  'ARGUMENT', 'BEEP', 'BREAK', 'CALLER', 'CANCEL.KEY', 'CHECK.COMMAND', 'CREATE.OBJECT', 'CUSTOM.REPEAT',
  'CUSTOM.UNDO', 'DELETE.BAR', 'DELETE.COMMAND', 'DELETE.MENU', 'DIALOG.BOX', 'DIRECTORY', 'DOCUMENTS',
  'ECHO', 'ELSE', 'ELSE.IF', 'END.IF', 'ENABLE.COMMAND', 'ERROR', 'EVALUATE', 'EXEC', 'EXECUTE', 'FILES',
  'FOR', 'FOR.CELL', 'FORMULA', 'FORMULA.ARRAY', 'FORMULA.FILL', 'GET.BAR', 'GET.CELL', 'GET.DOCUMENT',
  'GET.FORMULA', 'GET.NAME', 'GET.WORKBOOK', 'GET.WORKSPACE', 'GOTO', 'HALT', 'HELP', 'INITIATE', 'INPUT',
  'LAST.ERROR', 'LINKS', 'MESSAGE', 'NAMES', 'NEXT', 'ON.DATA', 'ON.KEY', 'ON.TIME', 'ON.WINDOW',
  'OPEN.DIALOG', 'PAUSE', 'POKE', 'REFTEXT', 'REGISTER', 'RELREF', 'RENAME.COMMAND', 'REQUEST',
  'RESTART', 'RESULT', 'RESUME', 'RETURN', 'RUN', 'SAVE.DIALOG', 'SELECTION', 'SET.NAME', 'SET.VALUE',
  'SHOW.BAR', 'STEP', 'TERMINATE', 'TEXTREF', 'UNREGISTER', 'VOLATILE', 'WAIT', 'WHILE', 'WINDOWS',
];

/** Excel's built-in worksheet function names (English, and the localized ones above), uppercase. */
export const BUILTIN_FUNCTION_NAMES: ReadonlySet<string> = new Set(
  [
    ...DATE_AND_TIME,
    ...LOOKUP_AND_REFERENCE,
    ...TEXT,
    ...LOGICAL,
    ...MATH_AND_TRIG,
    ...INFORMATION,
    ...STATISTICAL,
    ...COMPATIBILITY,
    ...FINANCIAL,
    ...ENGINEERING,
    ...DATABASE_CUBE_WEB_AND_OTHER,
    ...LOCALIZED,
  ].map((n) => n.toUpperCase()),
);

export const EXCEL4_MACRO_NAMES: ReadonlySet<string> = new Set(EXCEL4_MACROS);

/** The form names are compared in: uppercase, periods and underscores ignored (WORKDAY_INTL is WORKDAY.INTL). */
export function nameKey(name: string): string {
  return name.toUpperCase().replace(/[._]/g, '');
}

const BUILTIN_KEYS = new Map([...BUILTIN_FUNCTION_NAMES].map((n) => [nameKey(n), n]));
const MACRO_KEYS = new Map([...EXCEL4_MACRO_NAMES].map((n) => [nameKey(n), n]));

/** A1 … XFD1048576, R1C1 … R1048576C16384 (the ranges the naming page gives). */
export function isCellReference(name: string): boolean {
  const a1 = /^([A-Z]{1,3})([1-9][0-9]{0,6})$/i.exec(name);
  if (a1) {
    const col = [...a1[1].toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return col <= 16_384 && Number(a1[2]) <= 1_048_576;
  }
  const r1c1 = /^R([1-9][0-9]{0,6})C([1-9][0-9]{0,4})$/i.exec(name);
  return r1c1 !== null && Number(r1c1[1]) <= 1_048_576 && Number(r1c1[2]) <= 16_384;
}

/** Why a custom function id or name is one the naming page says to avoid, or null when it is fine. */
export function namingProblem(name: string): string | null {
  const builtin = BUILTIN_KEYS.get(nameKey(name));
  if (builtin) return `${name} matches Excel's built-in function ${builtin}`;
  const macro = MACRO_KEYS.get(nameKey(name));
  if (macro) return `${name} matches the Excel 4.0 macro function ${macro}`;
  if (isCellReference(name)) return `${name} is a cell reference`;
  return null;
}
