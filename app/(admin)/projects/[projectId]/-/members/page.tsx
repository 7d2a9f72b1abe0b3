import { projectPage } from '../../_components/project-page';
import { MemberList } from './_components/member-list';

export default projectPage('Who may do what in this project. Administrators may do everything without a role.', MemberList);
