import { Providers } from '../providers';
import { SignInForm } from './sign-in-form';

export const metadata = { title: 'Sign in · Ferry' };

export default function LoginPage() {
  return (
    <Providers csrfToken={null}>
      <div className="login-wrap">
        <SignInForm />
      </div>
    </Providers>
  );
}
