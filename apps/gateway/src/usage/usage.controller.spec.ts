import { ADMIN_ROUTE } from '../common/auth/auth.constants';
import { UsageController } from './usage.controller';

describe('UsageController access', () => {
  const adminMetadata = (handler: keyof UsageController) =>
    Reflect.getMetadata(ADMIN_ROUTE, UsageController.prototype[handler]) as unknown;

  it.each(['summary', 'requests', 'export'] as const)(
    'makes %s admin-only unless USAGE_PUBLIC',
    (handler) => {
      // Act / Assert
      expect(adminMetadata(handler)).toEqual({ unlessFlag: 'USAGE_PUBLIC' });
    },
  );

  it('opens /usage/me to every key', () => {
    // Act / Assert
    expect(adminMetadata('me')).toBeUndefined();
  });
});
