import { ChannelList } from './_components/ChannelList';
import { ImportForm } from './_components/ImportForm';
import { JoinForm } from './_components/JoinForm';
import { StreamList } from './_components/StreamList';

export default function HomePage() {
  return (
    <div className="home">
      <ChannelList />
      <div className="forms">
        <JoinForm />
        <ImportForm />
      </div>
      <StreamList />
    </div>
  );
}
