import { ChannelList } from './_components/ChannelList';
import { ImportForm } from './_components/ImportForm';
import { JoinForm } from './_components/JoinForm';
import { OperatorNotice } from './_components/OperatorNotice';
import { StreamList } from './_components/StreamList';

export default function HomePage() {
  return (
    <div className="home">
      <OperatorNotice />
      <ChannelList />
      <div className="forms">
        <JoinForm />
        <ImportForm />
      </div>
      <StreamList />
    </div>
  );
}
