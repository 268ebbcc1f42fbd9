/**
 * Passwords long enough to pass the length rule that attackers still try first (from public
 * breach-frequency lists). Compared case-insensitively.
 */
const COMMON = new Set([
  '1234567890', '12345678910', '0123456789', '0987654321', '1111111111', '0000000000', '1q2w3e4r5t',
  '1qaz2wsx3edc', 'qwertyuiop', 'qwertyuiop1', 'qwerty12345', 'qwerty123456', 'asdfghjkl1', 'zxcvbnm123',
  'password12', 'password123', 'password1234', 'passw0rd123', 'p@ssw0rd123', 'password!1', 'iloveyou12',
  'iloveyou123', 'abc1234567', 'abcdefghij', 'abcd123456', 'aa12345678', 'princess123', 'football123',
  'baseball123', 'sunshine123', 'superman123', 'starwars123', 'welcome123', 'letmein123', 'trustno1234',
  'monkey12345', 'dragon12345', 'michael123', 'charlie123', 'master1234', 'computer123', 'whatever123',
  'changeme123', 'administrator', 'adminadmin', 'admin12345', 'admin123456', 'encore1234', 'encore12345',
  'qazwsxedcrfv', '1234qwerasdf', 'q1w2e3r4t5', 'q1w2e3r4t5y6', 'zaq12wsxcde3', 'asdf123456', 'passwordpassword',
]);

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.toLowerCase());
}
